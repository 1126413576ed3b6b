package cn.gov.birth.hukou.registration;

import cn.gov.birth.contracts.events.ApplicationForm.Person;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The police's rows that make a form registrable, as a department's administrator would import
 * them: the settling parent in the household the form names, the other parent beside them (or in a
 * household of their own in another county), a head who is neither parent, and the county's
 * police station. Tests change a cell to make the form and the register disagree.
 */
final class RegisterRows {

    static final List<String> REGISTER_COLUMNS = List.of("idNumber", "name", "householdDivision", "householdNumber",
            "headIdNumber", "relationToHead", "ethnicity", "status");

    // GB/T 4761 relations to the household head.
    private static final String HEAD = "02";
    private static final String SPOUSE = "10";
    private static final String SON = "20";
    private static final String DAUGHTER = "30";
    private static final String SON_IN_LAW = "28";
    private static final String DAUGHTER_IN_LAW = "38";

    /** Stations of the counties the sample forms use; any other county gets one named after it. */
    private static final Map<String, String> STATION_NAMES = Map.of(
            "520102", "贵阳市公安局南明分局花果园派出所",
            "520103", "贵阳市公安局云岩分局中华路派出所");

    Map<String, String> settling;
    Map<String, String> other;
    Map<String, String> head;

    private RegisterRows(Map<String, String> settling, Map<String, String> other, Map<String, String> head) {
        this.settling = settling;
        this.other = other;
        this.head = head;
    }

    static RegisterRows of(ApplicationSubmitted form) {
        boolean withMother = "MOTHER".equals(form.household().settleWith());
        Person parent = withMother ? form.mother() : form.father();
        Person spouse = withMother ? form.father() : form.mother();
        String headId = form.household().headIdNumber();
        String household = householdNumber(parent.householdDivision(), headId);
        boolean parentIsHead = headId.equals(parent.idNumber());
        boolean spouseIsHead = spouse != null && headId.equals(spouse.idNumber());
        var settling = row(parent, parent.householdDivision(), household, headId,
                parentIsHead ? HEAD : spouseIsHead ? SPOUSE
                        : withMother ? DAUGHTER : SON);
        Map<String, String> other = null;
        if (spouse != null) {
            other = spouse.householdDivision().equals(parent.householdDivision())
                    ? row(spouse, parent.householdDivision(), household, headId,
                    spouseIsHead ? HEAD : parentIsHead ? SPOUSE
                            : withMother ? SON_IN_LAW : DAUGHTER_IN_LAW)
                    : row(spouse, spouse.householdDivision(),
                    householdNumber(spouse.householdDivision(), spouse.idNumber()), spouse.idNumber(),
                    HEAD);
        }
        Map<String, String> head = null;
        if (!parentIsHead && !spouseIsHead) {
            head = row(new Person(form.household().headName(), "RESIDENT_ID", headId, parent.ethnicity(), "CHN",
                    parent.householdDivision(), null, null), parent.householdDivision(), household, headId,
                    HEAD);
        }
        return new RegisterRows(settling, other, head);
    }

    /** {@code population-register.csv} of these rows. */
    String populationRegister() {
        List<String> lines = new ArrayList<>(List.of(String.join(",", REGISTER_COLUMNS)));
        Stream.of(settling, other, head).filter(Objects::nonNull)
                .forEach(row -> lines.add(String.join(",", row.values())));
        return String.join("\n", lines) + "\n";
    }

    /** {@code police-stations.csv} with the county's station. */
    static String policeStation(String county) {
        return "county,code,name,address\n%s,%s,%s,%s\n".formatted(county, stationCode(county),
                STATION_NAMES.getOrDefault(county, county + "公安分局出生登记派出所"), county + "某路1号");
    }

    static String stationCode(String county) {
        return "P" + county + "01";
    }

    private static String householdNumber(String county, String headId) {
        return county + "-%06d".formatted(Math.floorMod(headId.hashCode(), 1_000_000));
    }

    private static Map<String, String> row(Person person, String county, String household, String headId,
                                           String relation) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("idNumber", person.idNumber());
        row.put("name", person.name());
        row.put("householdDivision", county);
        row.put("householdNumber", household);
        row.put("headIdNumber", headId);
        row.put("relationToHead", relation);
        row.put("ethnicity", person.ethnicity());
        row.put("status", "ACTIVE");
        return row;
    }
}
