package cn.gov.birth.application.guide;

import cn.gov.birth.application.policy.RegionPolicies;
import cn.gov.birth.application.policy.RegionPolicy;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.platform.web.InvalidInputException;
import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import cn.gov.birth.platform.web.ProblemException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/guides/{region}} and {@code POST /api/v1/applications/checklist}, from the region's policy. */
@RestController
class GuideController {

    private final RegionPolicies policies;

    GuideController(RegionPolicies policies) {
        this.policies = policies;
    }

    @GetMapping("/api/v1/guides/{region}")
    Guides.Guide guide(@PathVariable String region) {
        return Guides.of(policy(region));
    }

    record ChecklistRequest(String region, List<Item> items, Checklists.Situation situation) {
    }

    @PostMapping("/api/v1/applications/checklist")
    Checklists.Checklist checklist(@RequestBody ChecklistRequest request) {
        if (request.region() == null || policies.of(request.region()).isEmpty()) {
            throw new InvalidInputException(List.of(new FieldError("region", "UNKNOWN_REGION",
                    "该地区尚未开通出生一件事联办")));
        }
        if (request.items() == null || request.items().isEmpty() || request.items().contains(null)) {
            throw new InvalidInputException(List.of(new FieldError("items", "REQUIRED", "请至少选择一个办理事项")));
        }
        return Checklists.of(policy(request.region()), request.items(), request.situation());
    }

    private RegionPolicy policy(String region) {
        return policies.of(region).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND,
                "No guide for this region", "区划 " + region + " 尚未开通出生一件事联办。"));
    }
}
