package cn.gov.birth.birthcert.handover;

import cn.gov.birth.birthcert.handover.StubHandovers.Handover;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The stub handover records for health staff and the stations: {@code GET ?quarter=2026-Q4}; a
 * {@code POST} makes a quarter's records now (the scheduled job does it after each quarter).
 */
@RestController
@RequestMapping("/api/v1/departments/HEALTH/stub-handovers")
class StubHandoverController {

    private final StubHandovers handovers;

    StubHandoverController(StubHandovers handovers) {
        this.handovers = handovers;
    }

    @GetMapping
    List<Handover> list(@RequestParam String quarter) {
        return handovers.of(quarter);
    }

    @PostMapping
    Map<String, Object> handOver(@RequestParam String quarter) {
        int made = handovers.handOver(quarter);
        return Map.of("quarter", quarter, "made", made, "records", handovers.of(quarter));
    }
}
