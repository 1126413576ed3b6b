package cn.gov.birth.kit.reference;

import cn.gov.birth.contracts.codes.CodeTable;
import cn.gov.birth.contracts.codes.Codes;
import cn.gov.birth.contracts.codes.ResidentIdNumber;
import cn.gov.birth.platform.table.Check;

/** Checks of reference-data cells against the national codes and the ID number rules. */
public final class ReferenceChecks {

    /** How a province's code is written (GB/T 2260, such as 520000): a cell not so is a format problem. */
    public static final String PROVINCE = "\\d{2}0000";

    public static Check residentId() {
        return new Check("INVALID_ID_NUMBER", "不是有效的居民身份证号码", ResidentIdNumber::isValid);
    }

    /** A county-level division (GB/T 2260). */
    public static Check county() {
        return new Check("UNKNOWN_CODE", "应为县级行政区划代码（GB/T 2260）", Codes::isCounty);
    }

    /** A province (GB/T 2260), such as 520000. */
    public static Check province() {
        return new Check("UNKNOWN_CODE", "应为省级行政区划代码（GB/T 2260），如 520000",
                code -> code.matches(PROVINCE) && Codes.DIVISIONS.contains(code));
    }

    /** A medical institution's code, as every department's registers write it. */
    public static Check hospitalCode() {
        return Check.pattern("[A-Z0-9]{4,20}");
    }

    public static Check code(CodeTable table, String standard) {
        return new Check("UNKNOWN_CODE", "应为 " + standard + " 代码", table::contains);
    }

    private ReferenceChecks() {
    }
}
