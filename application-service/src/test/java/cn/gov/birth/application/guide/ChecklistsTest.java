package cn.gov.birth.application.guide;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.application.policy.RegionPolicies;
import cn.gov.birth.application.policy.RegionPolicy;
import cn.gov.birth.contracts.Item;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checklists and guides from the shipped policies, against the regions' materials lists in the seeds. */
class ChecklistsTest {

    private final RegionPolicies policies = new RegionPolicies();

    @Test
    void shouldAskGansuForTheEthnicityConfirmationOnlyWhenTheParentsDiffer() {
        var same = Checklists.of(policies.of("620000").orElseThrow(), List.of(Item.HUKOU),
                new Checklists.Situation("01", "01", "MOTHER", false, false));
        var differ = Checklists.of(policies.of("620000").orElseThrow(), List.of(Item.HUKOU),
                new Checklists.Situation("01", "06", "MOTHER", false, false));

        assertThat(codes(same)).containsExactly("APPLICATION_FORM", "PARENTS_ID_CARDS", "PARENTS_HOUSEHOLD_REGISTERS",
                "MARRIAGE_CERTIFICATE");
        assertThat(codes(differ)).contains("ETHNICITY_CONFIRMATION");
        assertThat(differ.pulledIn()).containsExactly(Item.BIRTH_CERT);
    }

    @Test
    void shouldListEveryMaterialOnceWithTheItemsItServesAndItsCopies() {
        var checklist = Checklists.of(policies.of("620000").orElseThrow(),
                List.of(Item.SOCIAL_SECURITY_CARD), null);

        var registers = checklist.materials().stream().filter(m -> m.code().equals("PARENTS_HOUSEHOLD_REGISTERS"))
                .findFirst().orElseThrow();
        assertThat(registers.items()).containsExactly(Item.HUKOU, Item.SOCIAL_SECURITY_CARD);
        assertThat(registers.copies()).isEqualTo(3);
        assertThat(checklist.items()).containsExactly(Item.BIRTH_CERT, Item.HUKOU, Item.SOCIAL_SECURITY_CARD);
    }

    @Test
    void shouldAskForTheManualClaimMaterialsOnlyForAManualReimbursement() {
        var direct = Checklists.of(policies.of("520000").orElseThrow(), List.of(Item.MATERNITY_REIMBURSEMENT),
                new Checklists.Situation("01", "01", "MOTHER", false, false));
        var manual = Checklists.of(policies.of("520000").orElseThrow(), List.of(Item.MATERNITY_REIMBURSEMENT),
                new Checklists.Situation("01", "01", "MOTHER", false, true));

        assertThat(codes(direct)).containsExactly("APPLICATION_FORM");
        assertThat(codes(manual)).contains("HOSPITAL_RECEIPTS", "DISCHARGE_RECORD", "BANK_ACCOUNT", "INSURANCE_VOUCHER");
    }

    @Test
    void shouldAskGuangxiForTheDeliveryRecordPageAndJilinGrandparentsForTheAuthorization() {
        var guangxi = Checklists.of(policies.of("450000").orElseThrow(), List.of(Item.BIRTH_CERT), null);
        var jilin = Checklists.of(policies.of("220000").orElseThrow(), List.of(Item.HUKOU),
                new Checklists.Situation("01", "01", "GRANDPARENT", true, false));

        assertThat(codes(guangxi)).contains("DELIVERY_RECORD_PAGE");
        assertThat(codes(jilin)).contains("BIRTH_CERTIFICATE", "AUTHORIZATION_LETTER", "SETTLING_PARENT_ID_CARD");
    }

    @Test
    void shouldWriteTheGuideFromThePolicy() {
        var guide = Guides.of(policies.of("450000").orElseThrow());

        assertThat(guide.timeLimitWorkingDays()).isEqualTo(33);
        assertThat(guide.fees()).isEqualTo("不收费");
        assertThat(guide.items()).hasSize(7).anySatisfy(i -> {
            assertThat(i.item()).isEqualTo(Item.SOCIAL_SECURITY_CARD);
            assertThat(i.timeLimitWorkingDays()).isEqualTo(30);
        });
        assertThat(guide.conditions()).anyMatch(c -> c.contains("签字确认新生儿民族"));
        assertThat(guide.legalBasis()).isNotEmpty();
    }

    @Test
    void shouldCarryOfficeHoursPlacesPhonesSupervisionAndLegalBasisForEveryRegion() {
        for (String region : policies.regions()) {
            var guide = Guides.of(policies.of(region).orElseThrow());

            assertThat(guide.officeHours()).as(region).contains("法定节假日");
            assertThat(guide.places()).as(region).isNotEmpty();
            assertThat(guide.phones()).as(region).extracting(RegionPolicy.Phone::number).anyMatch(n -> n.contains("12345"));
            assertThat(guide.supervision()).as(region).anyMatch(s -> s.contains("12345"));
            assertThat(guide.legalBasis()).as(region).isNotEmpty();
            assertThat(guide.area().division()).as(region).startsWith(region.substring(0, 2));
        }
        var guizhou = Guides.of(policies.of("520000").orElseThrow());
        assertThat(guizhou.officeHours()).contains("上午09:00-12:00，下午13:00-17:00");
        assertThat(Guides.of(policies.of("620000").orElseThrow()).phones())
                .extracting(RegionPolicy.Phone::number).contains("0931-12345");
    }

    @Test
    void shouldSayInGuangxisGuideThatTheFatherCollectsOnlyWithTheMothersAuthorizationInZiyuan() {
        var guide = Guides.of(policies.of("450000").orElseThrow());

        assertThat(guide.area().name()).isEqualTo("资源县");
        assertThat(guide.conditions()).contains("申请人：新生儿母亲", "申请期限：出生后1个月内");
        assertThat(guide.conditions()).anyMatch(c -> c.contains("在资源县申报出生登记"))
                .anyMatch(c -> c.contains("授权委托父亲领取"));
    }

    @Test
    void shouldTellInJilinsGuideWhichItemsAreGrantedAtTheHospitalAndWhereToCollectThem() {
        var guide = Guides.of(policies.of("220000").orElseThrow());

        assertThat(guide.items()).extracting(Guides.ItemGuide::item).doesNotContain(Item.VACCINATION);
        assertThat(guide.conditions()).anyMatch(c -> c.startsWith("预防接种证：在助产机构免申即享")
                && c.contains("新生儿出生的助产机构"));
        assertThat(guide.conditions()).anyMatch(c -> c.startsWith("生育医疗费用报销：在助产机构免申即享"))
                .noneMatch(c -> c.contains("MATERNITY_REIMBURSEMENT"));
    }

    private static List<String> codes(Checklists.Checklist checklist) {
        return checklist.materials().stream().map(Checklists.Entry::code).toList();
    }
}
