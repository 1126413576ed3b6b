package cn.gov.birth.kit.reference;

import static cn.gov.birth.kit.reference.ReferenceChecks.county;
import static cn.gov.birth.kit.reference.ReferenceChecks.hospitalCode;
import static cn.gov.birth.platform.table.Column.required;

import cn.gov.birth.platform.table.Table;
import cn.gov.birth.platform.table.Type;
import java.util.List;

/** Health's delivery hospitals and insurance's designated hospitals are one shape of register. */
public final class HospitalRegisters {

    /** Hospitals by code, with name and county, and one yes/no column of the department's own. */
    public static Table of(String name, String sqlTable, String flag) {
        return Table.of(name, sqlTable, List.of("code"), required("code", hospitalCode()), required("name"),
                required("county", county()), required(flag, Type.BOOLEAN));
    }

    private HospitalRegisters() {
    }
}
