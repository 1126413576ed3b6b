package cn.gov.birth.hukou.printing;

import cn.gov.birth.hukou.printing.PrintingNotices.PrintingNotice;
import cn.gov.birth.hukou.reference.PoliceStations;
import cn.gov.birth.platform.audit.AuditAction;
import cn.gov.birth.platform.audit.AuditTrail;
import cn.gov.birth.platform.web.InvalidInputException;
import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Station staff's list of household register pages to print: {@code ?station=CODE}, newest first. */
@RestController
@RequestMapping("/api/v1/departments/POLICE/printing-notices")
class PrintingNoticeController {

    private static final int MAX_LIMIT = 500;

    private final PrintingNotices notices;
    private final AuditTrail audit;

    PrintingNoticeController(PrintingNotices notices, AuditTrail audit) {
        this.notices = notices;
        this.audit = audit;
    }

    @GetMapping
    List<PrintingNotice> notices(@RequestParam(required = false) String station,
                                 @RequestParam(defaultValue = "100") int limit) {
        List<FieldError> errors = new ArrayList<>();
        if (station == null || !station.matches(PoliceStations.STATION_CODE)) {
            errors.add(new FieldError("station", "REQUIRED", "请给出派出所代码（police-stations 的 code）"));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            errors.add(new FieldError("limit", "OUT_OF_RANGE", "limit 应在 1 至 " + MAX_LIMIT + " 之间"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        List<PrintingNotice> shown = notices.forStation(station, limit);
        // Each notice names a newborn and its citizen ID number: the read is the staff member's, on record.
        audit.record(shown.stream().map(notice -> new AuditTrail.Entry(AuditAction.READ_APPLICATION,
                notice.applicationId(), "via=printing-notice,station=" + station)).toList());
        return shown;
    }
}
