package cn.gov.birth.application.intake;

import cn.gov.birth.application.access.ApplicationAccess;
import cn.gov.birth.application.core.Acceptance;
import cn.gov.birth.application.core.Acceptance.Outcome;
import cn.gov.birth.application.core.Application;
import cn.gov.birth.application.core.ApplicationRepository;
import cn.gov.birth.application.core.ApplicationRequest;
import cn.gov.birth.application.core.Parties;
import cn.gov.birth.application.deadlines.Deadlines;
import cn.gov.birth.application.policy.RegionPolicies;
import cn.gov.birth.application.policy.RegionPolicy;
import cn.gov.birth.application.tracking.ApplicationView;
import cn.gov.birth.application.tracking.ApplicationViews;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.events.BirthEvent;
import cn.gov.birth.platform.events.EventCodec;
import cn.gov.birth.platform.masking.Mask;
import cn.gov.birth.platform.security.Caller;
import cn.gov.birth.platform.web.InvalidInputException;
import cn.gov.birth.platform.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * The single window: validates the form, decides once and files the application (which, when
 * accepted, is distributed in the same transaction); later, its supplements.
 */
@Service
public class IntakeService {

    private static final Logger log = LoggerFactory.getLogger(IntakeService.class);
    static final int MAX_IDEMPOTENCY_KEY = 200;

    private final FormValidator validator;
    private final PolicyLimits limits;
    private final Filings filings;
    private final ApplicationAccess access;
    private final AcceptanceDecision decision;
    private final ApplicationRepository applications;
    private final TransactionTemplate transactions;
    private final ApplicationViews views;
    private final Deadlines deadlines;
    private final RegionPolicies policies;
    private final Clock clock;

    IntakeService(FormValidator validator, PolicyLimits limits, Filings filings, ApplicationAccess access, AcceptanceDecision decision,
                  ApplicationRepository applications, TransactionTemplate transactions, ApplicationViews views,
                  Deadlines deadlines, RegionPolicies policies, Clock clock) {
        this.validator = validator;
        this.limits = limits;
        this.filings = filings;
        this.access = access;
        this.decision = decision;
        this.applications = applications;
        this.transactions = transactions;
        this.views = views;
        this.deadlines = deadlines;
        this.policies = policies;
        this.clock = clock;
    }

    /**
     * Decides on the form the caller files and stores it, recording who filed it and for whom; the
     * caller's same idempotency key with the same form returns the first result.
     */
    public ApplicationView submit(ApplicationRequest form, String idempotencyKey, Caller caller) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
            throw new InvalidInputException(List.of(new InvalidInputException.FieldError("Idempotency-Key",
                    "INVALID_IDEMPOTENCY_KEY", "Idempotency-Key 应为1至" + MAX_IDEMPOTENCY_KEY + "个字符")));
        }
        validator.validate(form);
        limits.check(form);
        Filings.Filing filing = filings.filing(caller, form);
        String hash = hash(form);
        if (idempotencyKey != null) {
            Optional<ApplicationView> earlier = earlier(idempotencyKey, hash, caller);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        try {
            UUID id = transactions.execute(status -> file(form, new Application.Submission(filing.channel(),
                    filing.serviceCentre(), filing.hospital(), idempotencyKey, hash), caller));
            return views.find(id).orElseThrow();
        } catch (DuplicateKeyException | SecondOpenApplication e) {
            // A concurrent request with the same key won the race (a retry sent while the first try, its answer
            // lost, was still being filed): answer as it was answered. Without a key, or with another, it stands.
            return (idempotencyKey == null ? Optional.<ApplicationView>empty() : earlier(idempotencyKey, hash, caller))
                    .orElseThrow(() -> e);
        }
    }

    private Optional<ApplicationView> earlier(String idempotencyKey, String hash, Caller caller) {
        return applications.earlier(caller.subject(), idempotencyKey)
                .map(earlier -> {
                    if (!hash.equals(earlier.requestHash())) {
                        throw new ProblemException(HttpStatus.CONFLICT, "Idempotency key reused",
                                "This Idempotency-Key was used with a different application.");
                    }
                    return earlier.id();
                })
                .flatMap(views::find);
    }

    private UUID file(ApplicationRequest form, Application.Submission submission, Caller caller) {
        Instant now = clock.instant();
        refuseSecondOpenApplication(form, null, caller);
        Acceptance acceptance = decision.decide(form, Item.withDependencies(form.items()));
        Application.Filed filed = Application.submit(UUID.randomUUID(), applications.nextReference(form.region(), now),
                submission, form, acceptance, parties(caller.subject(), submission.serviceCentre(), form), deadlines,
                grantedAtHospital(form),
                now);
        applications.save(filed.application(), filed.events());
        logDecision(filed.application(), acceptance);
        return filed.application().id();
    }

    /**
     * A supplement (补正): of a NEEDS_SUPPLEMENT application, decided again; or, of an ACTION_REQUIRED
     * one, the correction of what departments returned (the mother's and newborn's data included),
     * which must still be acceptable. Brought by a clerk, its materials are paper checked at their
     * window (收件). See {@link Application#completeFiling} and {@link Application#correct}.
     */
    public ApplicationView supplement(UUID id, ObjectNode body, Caller caller) {
        Supplement supplement = Supplement.of(body);
        String centre = ApplicationAccess.callerCentre(caller);
        transactions.executeWithoutResult(status -> {
            Application application = applications.lock(id).orElseThrow(() -> ApplicationAccess.notFound(id));
            if (centre != null) {
                filings.requireReceivable(application.form().region(), supplement.brought().materials());
                application.receivedAtTheWindow(supplement.brought().materials(), caller.subject(), centre,
                        clock.instant());
            }
            List<BirthEvent> events = switch (application.status()) {
                case NEEDS_SUPPLEMENT -> completeFiling(application, supplement.limitedTo(Supplement.SUPPLEMENTABLE));
                case ACTION_REQUIRED -> correctReturned(application, supplement.limitedTo(Supplement.CORRECTABLE), caller);
                default -> throw new ProblemException(HttpStatus.CONFLICT, "Nothing to supplement",
                        "该申请当前状态为 " + application.status() + "，无需补正。");
            };
            applications.save(application, events);
        });
        return views.find(id).orElseThrow();
    }

    private List<BirthEvent> completeFiling(Application application, Supplement supplement) {
        ApplicationRequest form = supplemented(application, supplement);
        Acceptance acceptance = decision.decide(form, Item.withDependencies(form.items()));
        List<BirthEvent> events = application.completeFiling(form, acceptance,
                parties(application.parties(), form), supplement.sections(), deadlines,
                grantedAtHospital(form), clock.instant());
        logDecision(application, acceptance);
        return events;
    }

    private List<BirthEvent> correctReturned(Application application, Supplement supplement, Caller caller) {
        ApplicationRequest form = supplemented(application, supplement);
        refuseSecondOpenApplication(form, application.id(), caller);
        Acceptance acceptance = decision.decide(form, Item.withDependencies(form.items()));
        if (acceptance.outcome() != Outcome.ACCEPTED) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "Correction not acceptable",
                    "补正后的申请不再符合受理条件：" + String.join("；", Stream.concat(
                            acceptance.reasons().stream(), acceptance.missing().stream())
                            .map(n -> n.code() + " " + n.message()).toList()));
        }
        List<BirthEvent> events = application.correct(form, parties(application.parties(), form),
                supplement.sections(), clock.instant());
        log.info("Application {} ({}) supplemented", application.reference(), application.id());
        return events;
    }

    private ApplicationRequest supplemented(Application application, Supplement supplement) {
        ApplicationRequest form = supplement.applyTo(application.form());
        validator.validate(form);
        limits.check(form);
        return form;
    }

    /** The items the form's region grants at the hospital, with where to collect them. */
    private Map<Item, String> grantedAtHospital(ApplicationRequest form) {
        return policies.of(form.region()).map(RegionPolicy::grantedAtHospital).orElse(Map.of());
    }

    private Parties parties(String submittedBy, String serviceCentre, ApplicationRequest form) {
        return new Parties(submittedBy, access.parentIndex(form.mother().idNumber()),
                form.father() == null ? null : access.parentIndex(form.father().idNumber()), serviceCentre);
    }

    /** The parties of a supplemented form: the same filer and centre, the parents as the form now names them. */
    private Parties parties(Parties filed, ApplicationRequest form) {
        return parties(filed.submittedBy(), filed.serviceCentre(), form);
    }

    /** One open application per newborn; only the open application's own people are told which one it is. */
    private void refuseSecondOpenApplication(ApplicationRequest form, UUID self, Caller caller) {
        applications.lockOpenApplicationOf(form, access.parentIndex(form.mother().idNumber()), self)
                .ifPresent(open -> {
                    String reference = access.mayAct(caller, open.parties()) ? "（编号 " + open.reference() + "）" : "";
                    throw new SecondOpenApplication(reference);
                });
    }

    /** The newborn already has an open application. */
    private static final class SecondOpenApplication extends ProblemException {
        SecondOpenApplication(String reference) {
            super(HttpStatus.CONFLICT, "Application already open",
                    "此新生儿已有办理中的申请" + reference + "，请勿重复申请，可查询该申请的办理进度。");
        }
    }

    private static void logDecision(Application application, Acceptance acceptance) {
        log.info("Application {} ({}) decided {} for mother {}", application.reference(), application.id(),
                acceptance.outcome(), Mask.idNumber(application.form().mother().idNumber()));
    }

    private static String hash(ApplicationRequest form) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(EventCodec.mapper().writeValueAsString(form).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
