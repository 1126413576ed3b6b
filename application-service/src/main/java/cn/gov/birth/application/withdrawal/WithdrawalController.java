package cn.gov.birth.application.withdrawal;

import cn.gov.birth.application.access.ApplicationAccess;
import cn.gov.birth.application.tracking.ApplicationView;
import cn.gov.birth.platform.security.Caller;
import cn.gov.birth.platform.web.InvalidInputException;
import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/applications/{id}/withdrawal}, with an optional {@code {"reason": "…"}}. */
@RestController
@RequestMapping("/api/v1/applications")
class WithdrawalController {

    private static final int MAX_REASON = 200;

    private final ApplicationWithdrawals withdrawals;
    private final ApplicationAccess access;

    WithdrawalController(ApplicationWithdrawals withdrawals, ApplicationAccess access) {
        this.withdrawals = withdrawals;
        this.access = access;
    }

    /** By the application's own people only: anyone else is told there is no such application. */
    @PostMapping("/{id}/withdrawal")
    ApplicationView withdraw(@PathVariable UUID id, @RequestBody(required = false) WithdrawalRequest request,
                             Caller caller) {
        access.require(id, caller);
        String reason = request == null ? null : request.reason();
        if (reason != null && (reason.isBlank() || reason.length() > MAX_REASON)) {
            throw new InvalidInputException(List.of(new FieldError("reason", "INVALID_REASON",
                    "撤回原因应为1至" + MAX_REASON + "个字符")));
        }
        return withdrawals.withdraw(id, reason);
    }

    record WithdrawalRequest(String reason) {
    }
}
