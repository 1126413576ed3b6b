package cn.gov.birth.application.evaluation;

import cn.gov.birth.application.access.DepartmentScope;
import cn.gov.birth.contracts.ChinaTime;
import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.platform.security.Caller;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/statistics/evaluations?region=&department=&item=&from=&to=}: supervisors and
 * ops see every department; staff their own department only (asking for another is 403). {@code from}
 * and {@code to} are ISO dates, both included, as days in China.
 */
@RestController
class StatisticsController {

    private final EvaluationRepository evaluations;
    private final Clock clock;

    StatisticsController(EvaluationRepository evaluations, Clock clock) {
        this.evaluations = evaluations;
        this.clock = clock;
    }

    @GetMapping("/api/v1/statistics/evaluations")
    EvaluationRepository.Statistics evaluations(
            @RequestParam(required = false) String region, @RequestParam(required = false) Department department,
            @RequestParam(required = false) Item item,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate to, Caller caller) {
        return evaluations.statistics(new EvaluationRepository.Filter(region, DepartmentScope.of(caller, department),
                item, from, to), LocalDate.ofInstant(clock.instant(), ChinaTime.ZONE));
    }
}
