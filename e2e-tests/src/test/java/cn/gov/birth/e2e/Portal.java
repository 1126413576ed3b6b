package cn.gov.birth.e2e;

import cn.gov.birth.platform.test.JsonHttp;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * People signing in through the gateway, as the portal signs them in: each gets a token from the
 * dev token endpoint ({@code POST /api/v1/dev/tokens}) and a client that sends it.
 */
final class Portal {

    private final JsonHttp gateway;

    Portal(String gatewayUrl) {
        this.gateway = new JsonHttp(gatewayUrl);
    }

    /** Nobody signed in. */
    JsonHttp anonymous() {
        return gateway;
    }

    String token(String subject, List<String> roles, String department, String idNumber) {
        return token(subject, roles, department, idNumber, Map.of());
    }

    /** {@code workplace}: a clerk's {@code centre} or hospital staff's {@code hospital}, by code. */
    String token(String subject, List<String> roles, String department, String idNumber,
                 Map<String, String> workplace) {
        Map<String, Object> request = new HashMap<>(workplace);
        request.put("subject", subject);
        request.put("roles", roles);
        request.put("department", department);
        request.put("idNumber", idNumber);
        var answer = gateway.post("/api/v1/dev/tokens", JsonHttp.JSON.valueToTree(request));
        if (answer.status() != 200) {
            throw new IllegalStateException("no dev token: " + answer.status() + " " + answer.body());
        }
        return answer.json().get("accessToken").asString();
    }

    /** A resident signed in with their verified ID number (each call a new session). */
    JsonHttp citizen(String idNumber) {
        return withToken(citizenToken(idNumber));
    }

    /** A resident's token for a new session with their verified ID number. */
    String citizenToken(String idNumber) {
        return token("citizen-" + UUID.randomUUID(), List.of("CITIZEN"), null, idNumber);
    }

    /** Someone signed in already, at this gateway: every gateway takes a token any of them issued. */
    JsonHttp withToken(String token) {
        return gateway.as(token);
    }

    JsonHttp motherOf(JsonNode form) {
        return citizen(form.get("mother").get("idNumber").asString());
    }

    JsonHttp as(String role, String department) {
        return signedIn(role.toLowerCase() + "-" + UUID.randomUUID(), role, department);
    }

    /** Someone with one role, signed in under a subject of their own. */
    JsonHttp signedIn(String subject, String role, String department) {
        return gateway.as(token(subject, List.of(role), department, null));
    }

    /** A window clerk of a service centre (its code in the region's policy). */
    JsonHttp clerk(String subject, String centre) {
        return gateway.as(token(subject, List.of("CLERK"), null, null, Map.of("centre", centre)));
    }

    JsonHttp staff(String department) {
        return as("STAFF", department);
    }

    JsonHttp admin(String department) {
        return as("DEPT_ADMIN", department);
    }

    /**
     * A new family whose birth the departments know, as the hospital and the insurance centre
     * report it: the delivery record (health), the first doses (CDC), the mother's insurance and
     * the settlement at discharge (medical insurance), each uploaded through the gateway. The
     * father, the household and the banks are the generated data set's.
     */
    ObjectNode knownFamily() {
        ObjectNode form = JsonHttp.newFamily();
        delivered(form);
        return form;
    }

    void delivered(JsonNode form) {
        delivered(List.of(form));
    }

    /** Many families' births at once: one upload of each data set for all of them. */
    void delivered(List<? extends JsonNode> forms) {
        deliveredWithoutDischargeSettlement(forms);
        upload("MEDICAL_INSURANCE", "direct-settlements", rows("motherIdNumber,hospitalCode,dischargedAt,amount", forms,
                (form, newborn, born) -> "%s,%s,%s,2860.50".formatted(mother(form), newborn.get("hospitalCode").asString(),
                        born.plusDays(3))));
    }

    /**
     * The birth as the departments know it, but no settlement of the maternity expenses at discharge:
     * the family claims them by hand, with its receipts and bank account.
     */
    void deliveredWithoutDischargeSettlement(JsonNode form) {
        deliveredWithoutDischargeSettlement(List.of(form));
    }

    private void deliveredWithoutDischargeSettlement(List<? extends JsonNode> forms) {
        upload("HEALTH", "delivery-records", rows(
                "recordNumber,hospitalCode,motherIdNumber,birthTime,sex,dischargedAt,certificateNumber", forms,
                (form, newborn, born) -> "E2E-%s-%s,%s,%s,%s,%s,%s,".formatted(mother(form),
                        born.toString().substring(0, 16).replaceAll("[^0-9]", ""), newborn.get("hospitalCode").asString(),
                        mother(form), born, newborn.get("sex").asString(), born.plusDays(3))));
        upload("CDC", "first-doses", rows("hospitalCode,motherIdNumber,birthTime,vaccine,status,dosedAt,batchNumber",
                forms, (form, newborn, born) -> {
                    String hospital = newborn.get("hospitalCode").asString();
                    return "%s,%s,%s,HEPB,GIVEN,%s,HB-E2E\n%s,%s,%s,BCG,GIVEN,%s,BCG-E2E".formatted(hospital,
                            mother(form), born, born.plusHours(2), hospital, mother(form), born, born.plusHours(20));
                }));
        upload("MEDICAL_INSURANCE", "insured-persons", rows("idNumber,name,insuredDivision,scheme,status", forms,
                (form, newborn, born) -> "%s,%s,%s,RESIDENT,ACTIVE".formatted(mother(form),
                        form.get("mother").get("name").asString(), form.get("mother").get("householdDivision").asString())));
    }

    /** The lines of one family in a reference-data CSV, from its form, its newborn and the birth time. */
    private interface Lines {
        String of(JsonNode form, JsonNode newborn, OffsetDateTime born);
    }

    private static String rows(String header, List<? extends JsonNode> forms, Lines lines) {
        StringBuilder csv = new StringBuilder(header).append('\n');
        for (JsonNode form : forms) {
            JsonNode newborn = form.get("newborn");
            csv.append(lines.of(form, newborn, OffsetDateTime.parse(newborn.get("birthTime").asString()))).append('\n');
        }
        return csv.toString();
    }

    private static String mother(JsonNode form) {
        return form.get("mother").get("idNumber").asString();
    }

    /** A department administrator uploads reference data (CSV) through the gateway. */
    void upload(String department, String dataset, String csv) {
        var response = admin(department).postAs("/api/v1/departments/" + department + "/reference/" + dataset,
                "text/csv", csv);
        if (response.status() != 200) {
            throw new IllegalStateException(department + " " + dataset + ": " + response.status() + " " + response.body());
        }
    }
}
