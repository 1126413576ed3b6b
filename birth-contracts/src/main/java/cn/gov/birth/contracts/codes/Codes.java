package cn.gov.birth.contracts.codes;

/**
 * The national code tables the form is written in, shipped as data in {@code codes/*.csv} (each
 * file names its source and edition).
 */
public final class Codes {

    /** GB/T 2260 administrative divisions: province, prefecture and county level. */
    public static final CodeTable DIVISIONS = CodeTable.load("codes/gb2260-divisions.csv");
    /** GB/T 3304 ethnic groups. */
    public static final CodeTable ETHNICITIES = CodeTable.load("codes/gb3304-ethnicities.csv");
    /** GB/T 2261.1 sexes. */
    public static final CodeTable SEXES = CodeTable.load("codes/gb2261-sexes.csv");
    /** GB/T 4761 family relations (to the household head). */
    public static final CodeTable FAMILY_RELATIONS = CodeTable.load("codes/gb4761-family-relations.csv");
    /** ISO 3166-1 countries, by alpha-3 code. */
    public static final CodeTable COUNTRIES = CodeTable.load("codes/iso3166-countries.csv");

    /** A county-level division (区、县、县级市, or a city without counties): where people are registered and born. */
    public static boolean isCounty(String code) {
        return DIVISIONS.value(code, "level").filter("COUNTY"::equals).isPresent();
    }

    /** The province-level division a known division belongs to. */
    public static String provinceOf(String code) {
        if (!DIVISIONS.contains(code)) {
            throw new IllegalArgumentException("Unknown GB/T 2260 division " + code);
        }
        return code.substring(0, 2) + "0000";
    }

    private Codes() {
    }
}
