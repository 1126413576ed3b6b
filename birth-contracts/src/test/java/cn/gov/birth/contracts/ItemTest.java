package cn.gov.birth.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ItemTest {

    @Test
    void shouldPullInHouseholdRegistrationAndBirthCertificateForTheSocialSecurityCard() {
        assertThat(Item.withDependencies(List.of(Item.SOCIAL_SECURITY_CARD)))
                .containsExactlyInAnyOrder(Item.SOCIAL_SECURITY_CARD, Item.HUKOU, Item.BIRTH_CERT);
    }

    @Test
    void shouldPullInHouseholdRegistrationAndBirthCertificateForMedicalInsurance() {
        assertThat(Item.withDependencies(List.of(Item.MEDICAL_INSURANCE)))
                .containsExactlyInAnyOrder(Item.MEDICAL_INSURANCE, Item.HUKOU, Item.BIRTH_CERT);
    }

    @Test
    void shouldPullInTheBirthCertificateForHouseholdRegistration() {
        assertThat(Item.withDependencies(List.of(Item.HUKOU))).containsExactlyInAnyOrder(Item.HUKOU, Item.BIRTH_CERT);
    }

    @Test
    void shouldPullNothingInForIndependentItems() {
        for (Item item : List.of(Item.BIRTH_CERT, Item.VACCINATION, Item.MATERNITY_REIMBURSEMENT,
                Item.PARENTING_GUIDANCE)) {
            assertThat(Item.withDependencies(List.of(item))).as(item.name()).containsExactly(item);
        }
        assertThat(Item.withDependencies(List.of(Item.VACCINATION, Item.MATERNITY_REIMBURSEMENT,
                Item.PARENTING_GUIDANCE)))
                .containsExactlyInAnyOrder(Item.VACCINATION, Item.MATERNITY_REIMBURSEMENT, Item.PARENTING_GUIDANCE);
    }

    @Test
    void shouldStayEmptyWhenNothingIsChosen() {
        assertThat(Item.withDependencies(List.of())).isEmpty();
    }

    @Test
    void shouldAddEachDependencyOnceWhenSeveralItemsShareIt() {
        assertThat(Item.withDependencies(List.of(Item.SOCIAL_SECURITY_CARD, Item.MEDICAL_INSURANCE, Item.HUKOU)))
                .containsExactlyInAnyOrder(Item.SOCIAL_SECURITY_CARD, Item.MEDICAL_INSURANCE, Item.HUKOU,
                        Item.BIRTH_CERT);
    }

    @Test
    void shouldGiveEveryItemWhenEveryItemIsChosen() {
        assertThat(Item.withDependencies(List.of(Item.values()))).isEqualTo(EnumSet.allOf(Item.class));
    }

    @Test
    void shouldLeaveTheChosenItemsUnchanged() {
        List<Item> chosen = new ArrayList<>(List.of(Item.SOCIAL_SECURITY_CARD));

        Item.withDependencies(chosen);

        assertThat(chosen).containsExactly(Item.SOCIAL_SECURITY_CARD);
    }

    @Test
    void shouldClosePullingInDependencies() {
        for (Item item : Item.values()) {
            var closed = Item.withDependencies(List.of(item));

            assertThat(Item.withDependencies(closed)).as(item.name()).isEqualTo(closed);
            closed.forEach(member -> assertThat(closed).as(item + " via " + member).containsAll(member.requires()));
        }
    }

    @Test
    void shouldOrderBirthCertificateBeforeHouseholdBeforeInsuranceAndCard() {
        assertThat(Item.BIRTH_CERT.requires()).isEmpty();
        assertThat(Item.HUKOU.requires()).containsExactly(Item.BIRTH_CERT);
        assertThat(Item.MEDICAL_INSURANCE.requires()).containsExactly(Item.HUKOU);
        assertThat(Item.SOCIAL_SECURITY_CARD.requires()).containsExactly(Item.HUKOU);
        assertThat(Item.VACCINATION.requires()).isEmpty();
        assertThat(Item.MATERNITY_REIMBURSEMENT.requires()).isEmpty();
        assertThat(Item.PARENTING_GUIDANCE.requires()).isEmpty();
    }

    @Test
    void shouldAssignEachItemToItsDepartment() {
        assertThat(Item.BIRTH_CERT.department()).isEqualTo(Department.HEALTH);
        assertThat(Item.PARENTING_GUIDANCE.department()).isEqualTo(Department.HEALTH);
        assertThat(Item.VACCINATION.department()).isEqualTo(Department.CDC);
        assertThat(Item.HUKOU.department()).isEqualTo(Department.POLICE);
        assertThat(Item.MEDICAL_INSURANCE.department()).isEqualTo(Department.MEDICAL_INSURANCE);
        assertThat(Item.MATERNITY_REIMBURSEMENT.department()).isEqualTo(Department.MEDICAL_INSURANCE);
        assertThat(Item.SOCIAL_SECURITY_CARD.department()).isEqualTo(Department.HUMAN_RESOURCES);
    }
}
