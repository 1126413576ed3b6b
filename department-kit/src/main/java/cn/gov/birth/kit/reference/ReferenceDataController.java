package cn.gov.birth.kit.reference;

import cn.gov.birth.contracts.Department;
import cn.gov.birth.platform.table.TableImport;
import cn.gov.birth.platform.web.ProblemException;
import java.io.StringReader;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The department's reference data for its administrators: how many rows each dataset holds, and
 * a CSV import ({@code Content-Type: text/csv}, header line first) that stores all rows or none.
 */
@RestController
@RequestMapping("/api/v1/departments/{department}/reference")
class ReferenceDataController {

    private final TableImport data;
    private final Department department;

    ReferenceDataController(TableImport data, @Value("${birth.department}") Department department) {
        this.data = data;
        this.department = department;
    }

    @GetMapping
    Map<String, Long> counts(@PathVariable String department) {
        own(department);
        return data.counts();
    }

    @PostMapping(path = "/{dataset}", consumes = {"text/csv", "text/plain"})
    Map<String, Object> importCsv(@PathVariable String department, @PathVariable String dataset,
                                  @RequestBody String csv) {
        own(department);
        return Map.of("dataset", dataset, "imported", data.importCsv(dataset, new StringReader(csv)));
    }

    private void own(String requested) {
        if (!department.name().equals(requested)) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "Unknown department",
                    "This service holds the reference data of " + department + ", not of " + requested + ".");
        }
    }
}
