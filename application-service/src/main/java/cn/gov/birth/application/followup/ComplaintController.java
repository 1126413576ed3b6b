package cn.gov.birth.application.followup;

import cn.gov.birth.application.access.ApplicationAccess;
import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.FollowUpKind;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.platform.security.Caller;
import cn.gov.birth.platform.web.InvalidInputException;
import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/applications/{id}/complaints} {@code {"item": null|ITEM, "text": "…"}} and
 * {@code GET} of the same: the family's complaints (投诉) and the departments' answers. The family's
 * own application only: anyone else is told there is no such application.
 */
@RestController
@RequestMapping("/api/v1/applications/{id}/complaints")
class ComplaintController {

    static final int MAX_TEXT = 1000;

    private final FollowUps followUps;
    private final ApplicationAccess access;

    ComplaintController(FollowUps followUps, ApplicationAccess access) {
        this.followUps = followUps;
        this.access = access;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ComplaintView complain(@PathVariable UUID id, @RequestBody ComplaintRequest request, Caller caller) {
        access.require(id, caller);
        List<FieldError> errors = new ArrayList<>();
        Item item = null;
        if (request.item() != null) {
            item = Arrays.stream(Item.values()).filter(i -> i.name().equals(request.item())).findFirst().orElse(null);
            if (item == null) {
                errors.add(new FieldError("item", "UNKNOWN_ITEM", "没有这个事项"));
            }
        }
        if (request.text() == null || request.text().isBlank() || request.text().length() > MAX_TEXT) {
            errors.add(new FieldError("text", "INVALID_TEXT", "请填写投诉内容（至多" + MAX_TEXT + "字）"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return ComplaintView.of(followUps.complain(id, item, request.text().strip(), caller.subject()));
    }

    @GetMapping
    List<ComplaintView> complaints(@PathVariable UUID id, Caller caller) {
        access.require(id, caller);
        return followUps.of(id, FollowUpKind.COMPLAINT).stream().map(ComplaintView::of).toList();
    }

    record ComplaintRequest(String item, String text) {
    }

    /** A complaint as the family sees it: what they wrote, who answers by when, and the answer once given. */
    record ComplaintView(UUID id, UUID applicationId, Item item, String text, Instant filedAt, Department department,
                         LocalDate answerBy, String answer, Instant answeredAt) {

        static ComplaintView of(FollowUp complaint) {
            return new ComplaintView(complaint.id(), complaint.applicationId(), complaint.item(), complaint.text(),
                    complaint.at(), complaint.department(), complaint.answerDue(), complaint.answer(),
                    complaint.answeredAt());
        }
    }
}
