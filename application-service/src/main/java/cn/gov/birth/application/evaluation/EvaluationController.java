package cn.gov.birth.application.evaluation;

import cn.gov.birth.application.access.ApplicationAccess;
import cn.gov.birth.application.followup.FollowUp;
import cn.gov.birth.application.followup.FollowUps;
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
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/applications/{id}/evaluations} {@code {"score": 1..5, "item": null|ITEM, "comment": "…"}},
 * and {@code GET} of the same: the family's evaluations with the answers to its 差评.
 */
@RestController
@RequestMapping("/api/v1/applications")
class EvaluationController {

    private static final int MAX_COMMENT = 500;

    private final Evaluations evaluations;
    private final EvaluationRepository repository;
    private final FollowUps followUps;
    private final ApplicationAccess access;

    EvaluationController(Evaluations evaluations, EvaluationRepository repository, FollowUps followUps,
                         ApplicationAccess access) {
        this.evaluations = evaluations;
        this.repository = repository;
        this.followUps = followUps;
        this.access = access;
    }

    /** By the application's own family only: anyone else is told there is no such application. */
    @PostMapping("/{id}/evaluations")
    @ResponseStatus(HttpStatus.CREATED)
    EvaluationView evaluate(@PathVariable UUID id, @RequestBody EvaluationRequest request, Caller caller) {
        access.require(id, caller);
        List<FieldError> errors = new ArrayList<>();
        if (request.score() == null || request.score() < 1 || request.score() > 5) {
            errors.add(new FieldError("score", "INVALID_SCORE", "评价等级应为1（非常不满意）至5（非常满意）"));
        }
        Item item = null;
        if (request.item() != null) {
            item = Arrays.stream(Item.values()).filter(i -> i.name().equals(request.item())).findFirst().orElse(null);
            if (item == null) {
                errors.add(new FieldError("item", "UNKNOWN_ITEM", "没有这个事项"));
            }
        }
        if (request.comment() != null && request.comment().length() > MAX_COMMENT) {
            errors.add(new FieldError("comment", "INVALID_COMMENT", "评价内容不超过" + MAX_COMMENT + "个字符"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        String comment = request.comment() == null || request.comment().isBlank() ? null : request.comment().strip();
        return EvaluationView.of(evaluations.evaluate(id, item, Level.of(request.score()), comment, caller.subject()),
                null);
    }

    /** The family's evaluations of its application, with their comments and the answers to its 差评. */
    @GetMapping("/{id}/evaluations")
    List<EvaluationView> evaluations(@PathVariable UUID id, Caller caller) {
        access.require(id, caller);
        Map<Long, FollowUp> answers = followUps.of(id, FollowUpKind.RECTIFICATION).stream()
                .collect(Collectors.toMap(FollowUp::evaluationId, followUp -> followUp));
        return repository.of(id).entrySet().stream()
                .map(stored -> EvaluationView.of(stored.getValue(), answers.get(stored.getKey())))
                .toList();
    }

    record EvaluationRequest(Integer score, String item, String comment) {
    }

    /**
     * What the family is told back: their level and words, and when a 差评 will be followed up and,
     * once the department answered, its answer.
     */
    record EvaluationView(UUID applicationId, Item item, int score, Level level, String label, String comment,
                          Instant at, Rectification rectification) {

        static EvaluationView of(Evaluation evaluation, FollowUp followUp) {
            return new EvaluationView(evaluation.applicationId(), evaluation.item(), evaluation.level().score(),
                    evaluation.level(), evaluation.level().label(), evaluation.comment(), evaluation.at(),
                    evaluation.rectification() == null ? null
                    : new Rectification(evaluation.department().name(), evaluation.rectification().contactDue(),
                            evaluation.rectification().answerDue(), followUp == null ? null : followUp.answer(),
                            followUp == null ? null : followUp.answeredAt()));
        }

        record Rectification(String department, LocalDate contactBy, LocalDate answerBy, String answer,
                             Instant answeredAt) {
        }
    }
}
