package cn.gov.birth.kit.reference;

import cn.gov.birth.contracts.Department;
import cn.gov.birth.kit.reference.ReferenceImports.ImportView;
import cn.gov.birth.kit.reference.ReferenceImports.Upload;
import cn.gov.birth.platform.security.Caller;
import cn.gov.birth.platform.table.TableImport;
import cn.gov.birth.platform.web.InvalidInputException;
import cn.gov.birth.platform.web.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The department's reference data for its administrators: how many rows each dataset holds, a CSV
 * import ({@code Content-Type: text/csv}, header line first) that stores all rows or none, and the
 * imports' progress. An import done within {@code birth.reference-data.answer-within} is answered
 * at once (200, or 400 with its problems by line); a longer one 202 once the upload is stored, with
 * its resource ({@code Location}) to follow.
 */
@RestController
@RequestMapping("/api/v1/departments/{department}/reference")
class ReferenceDataController {

    private final TableImport data;
    private final ReferenceImports imports;
    private final Department department;
    private final Duration answerWithin;

    ReferenceDataController(TableImport data, ReferenceImports imports,
                            @Value("${birth.department}") Department department,
                            @Value("${birth.reference-data.answer-within}") Duration answerWithin) {
        this.data = data;
        this.imports = imports;
        this.department = department;
        this.answerWithin = answerWithin;
    }

    @GetMapping
    Map<String, Long> counts(@PathVariable String department) {
        own(department);
        return data.counts();
    }

    @PostMapping(path = "/{dataset}", consumes = {"text/csv", "text/plain"})
    ResponseEntity<ImportView> importCsv(@PathVariable String department, @PathVariable String dataset,
                                         InputStream body, Caller staff) throws IOException {
        own(department);
        Upload upload = imports.upload(dataset, body, staff.subject());
        ImportView view = imports.await(upload, answerWithin);
        return switch (view.state()) {
            case "IMPORTED" -> ResponseEntity.ok(view);
            case "REFUSED" -> throw new InvalidInputException(view.errors());
            case "FAILED" -> throw new ProblemException(HttpStatus.INTERNAL_SERVER_ERROR, "Import failed",
                    "The import failed and changed nothing; see " + location(department, view.id()) + ".");
            default -> ResponseEntity.accepted().location(location(department, view.id())).body(view);
        };
    }

    @GetMapping("/imports")
    List<ImportView> recent(@PathVariable String department) {
        own(department);
        return imports.recent(50);
    }

    @GetMapping("/imports/{id}")
    ImportView one(@PathVariable String department, @PathVariable UUID id) {
        own(department);
        return imports.find(id).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "Unknown import",
                "No import " + id + " here."));
    }

    private static URI location(String department, UUID id) {
        return URI.create("/api/v1/departments/" + department + "/reference/imports/" + id);
    }

    private void own(String requested) {
        if (!department.name().equals(requested)) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "Unknown department",
                    "This service holds the reference data of " + department + ", not of " + requested + ".");
        }
    }
}
