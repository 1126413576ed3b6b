package cn.gov.birth.application.intake;

import cn.gov.birth.application.access.ApplicationAccess;
import cn.gov.birth.application.tracking.ApplicationView;
import cn.gov.birth.application.core.ApplicationRequest;
import cn.gov.birth.platform.security.Caller;
import java.net.URI;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/applications}: one application, decided once; and its supplements, by its own people. */
@RestController
@RequestMapping("/api/v1/applications")
class IntakeController {

    private final IntakeService intake;
    private final ApplicationAccess access;

    IntakeController(IntakeService intake, ApplicationAccess access) {
        this.intake = intake;
        this.access = access;
    }

    @PostMapping
    ResponseEntity<ApplicationView> submit(@RequestBody ApplicationRequest form,
                                           @RequestHeader(name = "Idempotency-Key", required = false)
                                           String idempotencyKey, Caller caller) {
        ApplicationView view = intake.submit(form, idempotencyKey, caller);
        return ResponseEntity.created(URI.create("/api/v1/applications/" + view.id())).body(view);
    }

    /** What a NEEDS_SUPPLEMENT application was asked for: sections of the form; decided again. */
    @PostMapping("/{id}/supplements")
    ApplicationView supplement(@PathVariable UUID id, @RequestBody(required = false) ObjectNode sections, Caller caller) {
        access.require(id, caller);
        return intake.supplement(id, sections, caller);
    }
}
