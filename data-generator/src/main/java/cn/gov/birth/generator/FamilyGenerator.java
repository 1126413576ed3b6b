package cn.gov.birth.generator;

import cn.gov.birth.contracts.ChinaTime;
import cn.gov.birth.contracts.codes.Codes;
import cn.gov.birth.contracts.codes.ResidentIdNumber;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A synthetic data set that holds together: families applying in Guizhou (one form each, ready to
 * post), and what each department holds about them — health: delivery hospitals and delivery
 * records; CDC: first doses; police: the parents in the population register and the stations;
 * medical insurance: the insured mothers, designated hospitals, contributions and the settlements
 * made at discharge; HR: the banks, their branches and the parents' cards. The same seed and day
 * give the same data set; the template family (scripts/sample-application.json, born three days
 * before the day) is always the first: the run command's sample request.
 *
 * <p>Every person is distinct: a parent's ID number takes its birth date and sequence from the
 * family's number (a different pair for every family, whatever the county), so up to
 * {@link #MAX_FAMILIES} families never share a parent; record, household and card numbers come from
 * the family's number too. Rows are written as they are made: a province's families need little memory.
 *
 * <p>Layout: one folder per department ({@code health/}, {@code cdc/}, {@code police/},
 * {@code medical_insurance/}, {@code human_resources/}: what its service imports at start-up, one
 * CSV per dataset), and {@code applications/family-00001.json}, ... (see {@link #formFile}).
 */
public final class FamilyGenerator {

    static final String REGION_PREFIX = "52";
    /**
     * At most a million families: newborns of one county, day and sex then stay well within the
     * police's 499 citizen ID sequences (on average 1,000,000 / 88 counties / 20 days / 2 sexes = 284).
     */
    public static final int MAX_FAMILIES = 1_000_000;
    private static final ObjectWriter FORM = JsonMapper.builder().build().writerWithDefaultPrettyPrinter();
    /** Parents are born on one of these days from 1986-01-01, with one of 499 sequences of their sex. */
    private static final LocalDate PARENTS_BORN_FROM = LocalDate.of(1986, 1, 1);
    private static final int PARENTS_BIRTH_DAYS = 15 * 365;
    private static final long PARENT_SLOTS = (long) PARENTS_BIRTH_DAYS * 499;
    /**
     * Multipliers coprime to their modulus (PARENT_SLOTS = 3 * 5^2 * 73 * 499; 10^9): a family's
     * number times one, plus the seed's offset, modulo the space is a different slot for every number.
     */
    private static final long MOTHER_STEP = 1_299_709;
    private static final long FATHER_STEP = 1_299_721;
    private static final long CARD_STEP = 387_420_489;
    private static final long CARD_NUMBERS = 1_000_000_000;
    private static final Pattern FORM_NAME = Pattern.compile("family-(\\d+)\\.json");
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
            "马", "朱", "胡", "郭", "何", "林", "罗", "高"};
    private static final String[] GIVEN = {"安然", "子涵", "欣怡", "浩然", "宇轩", "梓萱", "一诺", "思远", "雨桐", "博文",
            "佳怡", "俊杰", "诗涵", "明轩", "若曦", "天佑", "可馨", "嘉懿", "沐阳", "语嫣"};
    private static final String[] MOTHER_NAMES = {"芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "玲", "婷"};
    private static final String[] FATHER_NAMES = {"强", "伟", "磊", "军", "勇", "杰", "涛", "斌", "超", "明"};

    /** The province's card-making banks: code and name. */
    private static final String[][] BANKS = {{"ICBC", "中国工商银行"}, {"CCB", "中国建设银行"}, {"ABC", "中国农业银行"},
            {"BOC", "中国银行"}, {"GZRC", "贵州省农村信用社"}};

    private final ObjectNode template;
    private final Random random;
    private final LocalDate today;
    private final String simulatorUrl;
    private final List<String> counties;
    private final Set<String> templateParents;
    private final long motherOffset;
    private final long fatherOffset;
    private final long cardOffset;

    /**
     * @param simulatorUrl where the external systems answer (the banks' card-making interfaces are
     *                     {@code <simulatorUrl>/bank/<code>}): the WireMock simulator locally
     */
    public FamilyGenerator(JsonNode template, long seed, LocalDate today, String simulatorUrl) {
        this.template = (ObjectNode) template;
        this.random = new Random(seed);
        this.today = today;
        this.simulatorUrl = simulatorUrl.replaceAll("/+$", "");
        this.counties = Codes.DIVISIONS.codes().stream()
                .filter(code -> code.startsWith(REGION_PREFIX) && Codes.isCounty(code)).sorted().toList();
        this.templateParents = Set.of(template.get("mother").get("idNumber").asString(),
                template.get("father").get("idNumber").asString());
        this.motherOffset = random.nextLong(PARENT_SLOTS);
        this.fatherOffset = random.nextLong(PARENT_SLOTS);
        this.cardOffset = random.nextLong(CARD_NUMBERS);
    }

    /**
     * The form of family {@code n} in the data set's folder: {@code applications/family-00001.json}
     * for the first; past 99,999 the number is wider, so order forms by name length, then name.
     */
    public static String formFile(int n) {
        return "applications/family-" + padded(n, 5) + ".json";
    }

    /**
     * Writes {@code families} families (at least the template's) and the departments' data about them,
     * replacing the files of the same names; forms of families beyond {@code families} left by an
     * earlier, larger data set are removed.
     */
    public void write(Path out, int families) {
        if (families > MAX_FAMILIES) {
            throw new IllegalArgumentException("at most " + MAX_FAMILIES + " families, not " + families);
        }
        int count = Math.max(1, families);
        try (DataSet data = new DataSet(out)) {
            provinceData(data);
            for (int n = 1; n <= count; n++) {
                ObjectNode form = n == 1 ? templateBornRecently() : family(n);
                familyData(data, n, form);
                data.file(formFile(n), FORM.writeValueAsBytes(form));
            }
        }
        removeFormsBeyond(out.resolve("applications"), count);
    }

    /** What the departments hold about every county: hospitals, police stations, banks, contributions. */
    private void provinceData(DataSet data) {
        for (String county : counties) {
            String name = Codes.DIVISIONS.name(county).orElseThrow();
            data.row("health/hospitals.csv", "code,name,county,qualified",
                    "H%s001,%s妇幼保健院,%s,true".formatted(county, name, county),
                    "H%s900,%s社区卫生服务站,%s,false".formatted(county, name, county));
            data.row("medical_insurance/designated-hospitals.csv", "code,name,county,maternityDirectSettlement",
                    "H%s001,%s妇幼保健院,%s,true".formatted(county, name, county));
            data.row("police/police-stations.csv", "county,code,name,address",
                    "%s,P%s01,%s公安分局城关派出所,%s人民路1号".formatted(county, county, name, name));
            for (String[] bank : BANKS) {
                data.row("human_resources/branches.csv", "bankCode,county,code,name,address",
                        "%s,%s,%s-%s-01,%s%s支行,%s中山路%d号".formatted(bank[0], county, bank[0], county, bank[1], name,
                                name, 10 + random.nextInt(90)));
            }
        }
        String region = REGION_PREFIX + "0000";
        for (String[] bank : BANKS) {
            data.row("human_resources/banks.csv", "region,bankCode,name,cardApiUrl,active",
                    "%s,%s,%s,%s/bank/%s,true".formatted(region, bank[0], bank[1], simulatorUrl, bank[0]));
        }
        for (int year = today.getYear() - 1; year <= today.getYear() + 1; year++) {
            int since = year - 2025;
            data.row("medical_insurance/contributions.csv", "region,year,individual,subsidy",
                    "%s,%d,%d.00,%d.00".formatted(region, year, 380 + 20 * since, 670 + 30 * since));
        }
    }

    /** One family: its birth as the hospital, the CDC and the insurance centre saw it; its parents as registered. */
    private void familyData(DataSet data, int n, ObjectNode form) {
        JsonNode mother = form.get("mother");
        JsonNode father = form.get("father");
        JsonNode newborn = form.get("newborn");
        JsonNode household = form.get("household");
        String motherId = mother.get("idNumber").asString();
        String hospital = newborn.get("hospitalCode").asString();
        OffsetDateTime born = OffsetDateTime.parse(newborn.get("birthTime").asString());
        OffsetDateTime discharged = born.plusDays(3);
        data.row("health/delivery-records.csv",
                "recordNumber,hospitalCode,motherIdNumber,birthTime,sex,dischargedAt,certificateNumber",
                String.join(",", "R" + born.toLocalDate().toString().replace("-", "") + "-" + padded(n, 5), hospital,
                        motherId, born.toString(), newborn.get("sex").asString(), discharged.toString(), ""));
        data.row("cdc/first-doses.csv", "hospitalCode,motherIdNumber,birthTime,vaccine,status,dosedAt,batchNumber",
                String.join(",", hospital, motherId, born.toString(), "HEPB", "GIVEN", born.plusHours(2).toString(),
                        "HB" + born.getYear() + padded(n, 4)),
                String.join(",", hospital, motherId, born.toString(), "BCG", "GIVEN", born.plusHours(20).toString(),
                        "BCG" + born.getYear() + padded(n, 4)));
        // The household the newborn settles in: the head's, in the settling parent's county.
        JsonNode settling = "MOTHER".equals(household.get("settleWith").asString()) ? mother : father;
        String county = settling.get("householdDivision").asString();
        String householdNumber = county + "-" + padded(n, 6);
        String head = household.get("headIdNumber").asString();
        for (JsonNode parent : List.of(father, mother)) {
            long card = 2L * (n - 1) + (parent == mother ? 1 : 0);
            String id = parent.get("idNumber").asString();
            String relation = id.equals(head) ? "02" : parent == mother ? "12" : "11";
            data.row("police/population-register.csv",
                    "idNumber,name,householdDivision,householdNumber,headIdNumber,relationToHead,ethnicity,status",
                    String.join(",", id, parent.get("name").asString(), parent.get("householdDivision").asString(),
                            householdNumber, head, relation, parent.get("ethnicity").asString(), "ACTIVE"));
            data.row("human_resources/issued-cards.csv", "idNumber,cardNumber,bankCode,issuedAt",
                    String.join(",", id, "S" + padded(Math.floorMod(card * CARD_STEP + cardOffset, CARD_NUMBERS), 9),
                            BANKS[random.nextInt(BANKS.length)][0],
                            today.minusYears(2 + random.nextInt(8)).atTime(10, 0).atOffset(ChinaTime.OFFSET).toString()));
        }
        data.row("medical_insurance/insured-persons.csv", "idNumber,name,insuredDivision,scheme,status",
                String.join(",", motherId, mother.get("name").asString(), mother.get("householdDivision").asString(),
                        random.nextBoolean() ? "EMPLOYEE" : "RESIDENT", "ACTIVE"));
        data.row("medical_insurance/direct-settlements.csv", "motherIdNumber,hospitalCode,dischargedAt,amount",
                String.join(",", motherId, hospital, discharged.toString(),
                        (1800 + random.nextInt(2200)) + "." + padded(random.nextInt(100), 2)));
    }

    /**
     * The template family, born three days before the data set's day at the template's hour: a
     * demo made any day stays within every region's registration and certificate periods.
     */
    private ObjectNode templateBornRecently() {
        ObjectNode form = template.deepCopy();
        ObjectNode newborn = (ObjectNode) form.get("newborn");
        OffsetDateTime born = OffsetDateTime.parse(newborn.get("birthTime").asString());
        newborn.put("birthTime", today.minusDays(3).atTime(born.toLocalTime()).atOffset(born.getOffset()).toString());
        return form;
    }

    private ObjectNode family(int n) {
        ObjectNode form = template.deepCopy();
        int countyIndex = random.nextInt(counties.size());
        String county = counties.get(countyIndex);
        long motherSlot = Math.floorMod(n * MOTHER_STEP + motherOffset, PARENT_SLOTS);
        long fatherSlot = Math.floorMod(n * FATHER_STEP + fatherOffset, PARENT_SLOTS);
        String motherId = parentId(county, motherSlot, true);
        String fatherId = parentId(county, fatherSlot, false);
        // Only the template's parents could have the same number (the same slot in its county): move on.
        while (templateParents.contains(motherId) || templateParents.contains(fatherId)) {
            county = counties.get(++countyIndex % counties.size());
            motherId = parentId(county, motherSlot, true);
            fatherId = parentId(county, fatherSlot, false);
        }
        String surname = pick(SURNAMES);
        String fatherName = surname + pick(FATHER_NAMES);
        String motherName = pick(SURNAMES) + pick(MOTHER_NAMES);
        String motherPhone = phone();
        String address = Codes.DIVISIONS.name(county).orElseThrow() + "幸福路" + (1 + random.nextInt(300)) + "号";
        boolean boy = random.nextBoolean();
        OffsetDateTime born = today.minusDays(1 + random.nextInt(20)).atTime(random.nextInt(24), random.nextInt(60))
                .atOffset(ChinaTime.OFFSET).truncatedTo(ChronoUnit.MINUTES);
        person((ObjectNode) form.get("mother"), motherName, motherId, county, address, motherPhone);
        person((ObjectNode) form.get("father"), fatherName, fatherId, county, address, phone());
        ((ObjectNode) form.get("applicant")).put("phone", motherPhone);
        ObjectNode newborn = (ObjectNode) form.get("newborn");
        newborn.put("surname", surname).put("givenName", pick(GIVEN)).put("sex", boy ? "1" : "2")
                .put("birthTime", born.toString()).put("birthDivision", county).put("hospitalCode", "H" + county + "001");
        ObjectNode household = (ObjectNode) form.get("household");
        household.put("headName", fatherName).put("headIdNumber", fatherId).put("relationToHead", boy ? "20" : "30")
                .put("nativePlace", county);
        ((ObjectNode) form.get("insurance")).put("insuredDivision", county);
        ((ObjectNode) form.get("delivery").get("recipient")).put("name", motherName).put("phone", motherPhone)
                .put("address", address);
        return form;
    }

    private static void person(ObjectNode person, String name, String id, String county, String address, String phone) {
        person.put("name", name).put("idNumber", id).put("householdDivision", county).put("householdAddress", address)
                .put("currentAddress", address).put("phone", phone);
    }

    /** The parent's ID number in the slot: a birth date and a sequence of the parent's sex. */
    private static String parentId(String county, long slot, boolean mother) {
        int sequence = 2 * (int) (slot / PARENTS_BIRTH_DAYS) + (mother ? 2 : 1);
        return ResidentIdNumber.of(county, PARENTS_BORN_FROM.plusDays(slot % PARENTS_BIRTH_DAYS), sequence);
    }

    private static void removeFormsBeyond(Path applications, int families) {
        try (Stream<Path> forms = Files.list(applications)) {
            for (Path form : (Iterable<Path>) forms::iterator) {
                Matcher number = FORM_NAME.matcher(form.getFileName().toString());
                if (number.matches() && Long.parseLong(number.group(1)) > families) {
                    Files.delete(form);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String phone() {
        return "13" + (random.nextInt(10)) + padded(random.nextInt(100_000_000), 8);
    }

    /** The number with leading zeros to the width (as {@code %0<width>d}: a wider one stays whole); the rows are many. */
    private static String padded(long number, int width) {
        String digits = Long.toString(number);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }
}
