package cn.gov.birth.kit.review;

import cn.gov.birth.kit.review.ReviewTask.Decision;
import cn.gov.birth.kit.review.ReviewTask.Status;
import cn.gov.birth.platform.audit.AuditAction;
import cn.gov.birth.platform.audit.AuditTrail;
import cn.gov.birth.platform.web.InvalidInputException;
import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import cn.gov.birth.platform.security.Caller;
import cn.gov.birth.platform.web.Page;
import cn.gov.birth.platform.web.ProblemException;
import java.math.BigDecimal;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The department's review queue for its staff (api.md): the tasks, a page at a time, and a
 * decision on one, recorded as made by the token's subject (never by a header a client sets).
 * Every task shown is an entry in the audit trail (the application it is about was read). A
 * follow-up (a 差评's rectification, a complaint) is not decided but answered: staff record the
 * contact, then the answer.
 */
@RestController
@RequestMapping("/api/v1/departments/{department}/tasks")
class ReviewController<C> {

    private static final int MAX_TEXT = 500;
    private static final int MAX_ANSWER = 1000;

    private final ReviewQueue<C> queue;
    private final AuditTrail audit;

    ReviewController(ReviewQueue<C> queue, AuditTrail audit) {
        this.queue = queue;
        this.audit = audit;
    }

    @GetMapping
    Page<ReviewTask<C>> tasks(@PathVariable String department, @RequestParam(defaultValue = "OPEN") String status,
                           @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        ownDepartment(department);
        Page.Request request = new Page.Request(page, size);
        if (Arrays.stream(Status.values()).noneMatch(s -> s.name().equals(status))) {
            throw new InvalidInputException(List.of(new FieldError("status", "UNKNOWN_CODE",
                    "status 应为 OPEN、DECIDED、CANCELLED、CLOSED 或 ANSWERED")));
        }
        Page<ReviewTask<C>> tasks = queue.tasks(Status.valueOf(status), request);
        audit.record(tasks.items().stream().map(task -> new AuditTrail.Entry(AuditAction.READ_REVIEW_TASK,
                task.applicationId(), "task=" + task.id() + ",kind=" + task.kind() + ",item=" + task.item() + ",status=" + task.status()))
                .toList());
        return tasks;
    }

    @PostMapping("/{taskId}/decisions")
    ReviewTask<C> decide(@PathVariable String department, @PathVariable UUID taskId,
                      @RequestBody DecisionRequest request, Caller staff) {
        ownDepartment(department);
        List<FieldError> errors = new ArrayList<>();
        Decision decision = Arrays.stream(Decision.values()).filter(d -> d.name().equals(request.decision()))
                .findFirst().orElse(null);
        if (decision == null) {
            errors.add(new FieldError("decision", "UNKNOWN_CODE", "decision 应为 APPROVE、RETURN 或 REJECT"));
        }
        boolean needsReason = decision == Decision.RETURN || decision == Decision.REJECT;
        if (request.reasonCode() != null ? !request.reasonCode().matches("[A-Z][A-Z0-9_]{0,63}") : needsReason) {
            errors.add(new FieldError("reasonCode", "INVALID_REASON_CODE", "退回或不予办理须给出原因代码（大写字母、数字和下划线）"));
        }
        if (request.message() != null ? request.message().isBlank() || request.message().length() > MAX_TEXT
                : needsReason) {
            errors.add(new FieldError("message", "REQUIRED", "退回或不予办理须向申请人说明原因（至多" + MAX_TEXT + "字）"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return queue.decide(taskId, decision, request.reasonCode(), request.message(), request.amount(),
                staff.subject());
    }

    /** Staff record that they contacted the family about a follow-up (a 差评's first deadline). */
    @PostMapping("/{taskId}/contacts")
    ReviewTask<C> contacted(@PathVariable String department, @PathVariable UUID taskId, Caller staff) {
        ownDepartment(department);
        return queue.contacted(taskId, staff.subject());
    }

    /** Staff answer a follow-up (a 差评's rectification, a complaint): the answer goes to the family. */
    @PostMapping("/{taskId}/answers")
    ReviewTask<C> answer(@PathVariable String department, @PathVariable UUID taskId,
                         @RequestBody AnswerRequest request, Caller staff) {
        ownDepartment(department);
        if (request.answer() == null || request.answer().isBlank() || request.answer().length() > MAX_ANSWER) {
            throw new InvalidInputException(List.of(new FieldError("answer", "REQUIRED",
                    "请填写给申请人的答复（至多" + MAX_ANSWER + "字）")));
        }
        return queue.answer(taskId, request.answer().strip(), staff.subject());
    }

    private void ownDepartment(String department) {
        if (!queue.department().name().equals(department)) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "Department not served here",
                    "This service keeps the review queue of " + queue.department() + ", not of " + department + ".");
        }
    }

    /** {@code amount}: yuan, only on approving a task whose item pays an amount staff assess. */
    record DecisionRequest(String decision, String reasonCode, String message, BigDecimal amount) {
    }

    record AnswerRequest(String answer) {
    }
}
