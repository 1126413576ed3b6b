package cn.gov.birth.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ItemTest {

    @Test
    void shouldPullInHouseholdRegistrationAndBirthCertificateForTheCard() {
        assertThat(Item.withDependencies(List.of(Item.SOCIAL_SECURITY_CARD)))
                .containsExactlyInAnyOrder(Item.SOCIAL_SECURITY_CARD, Item.HUKOU, Item.BIRTH_CERT);
    }

    @Test
    void shouldPullInHouseholdRegistrationAndBirthCertificateForInsurance() {
        assertThat(Item.withDependencies(List.of(Item.MEDICAL_INSURANCE)))
                .containsExactlyInAnyOrder(Item.MEDICAL_INSURANCE, Item.HUKOU, Item.BIRTH_CERT);
    }

    @Test
    void shouldPullNothingInForIndependentItems() {
        assertThat(Item.withDependencies(List.of(Item.VACCINATION, Item.MATERNITY_REIMBURSEMENT,
                Item.PARENTING_GUIDANCE)))
                .containsExactlyInAnyOrder(Item.VACCINATION, Item.MATERNITY_REIMBURSEMENT, Item.PARENTING_GUIDANCE);
    }

    @Test
    void shouldStayEmptyWhenNothingIsChosen() {
        assertThat(Item.withDependencies(List.of())).isEmpty();
    }

    @Test
    void shouldOrderBirthCertificateBeforeHouseholdBeforeInsuranceAndCard() {
        assertThat(Item.HUKOU.requires()).containsExactly(Item.BIRTH_CERT);
        assertThat(Item.MEDICAL_INSURANCE.requires()).containsExactly(Item.HUKOU);
        assertThat(Item.SOCIAL_SECURITY_CARD.requires()).containsExactly(Item.HUKOU);
        assertThat(Item.BIRTH_CERT.requires()).isEmpty();
    }
}
