package cn.gov.birth.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenedValuesTest {

    @Test
    void shouldGiveAPlaintextBackOnlyForTheCipherTextAndPlaceItWasSealedFor() {
        OpenedValues opened = new OpenedValues(1_000);
        opened.put("person.phone", "ENC1:k1:abc", "13800138000");

        assertThat(opened.get("person.phone", "ENC1:k1:abc")).isEqualTo("13800138000");
        assertThat(opened.get("person.address", "ENC1:k1:abc")).isNull();
        assertThat(opened.get("person.phone", "ENC1:k1:abd")).isNull();
    }

    @Test
    void shouldForgetTheLeastRecentlyUsedValuesBeyondItsBudget() {
        OpenedValues opened = new OpenedValues(30);
        opened.put("p", "c1-------", "v1---");
        opened.put("p", "c2-------", "v2---");
        opened.get("p", "c1-------");
        opened.put("p", "c3-------", "v3---");

        assertThat(opened.get("p", "c1-------")).isEqualTo("v1---");
        assertThat(opened.get("p", "c2-------")).isNull();
        assertThat(opened.get("p", "c3-------")).isEqualTo("v3---");
    }

    @Test
    void shouldKeepNothingLargerThanItsWholeBudgetNorAnythingWithABudgetOfZero() {
        OpenedValues small = new OpenedValues(10);
        small.put("p", "c1", "v1");
        small.put("p", "a-long-cipher-text", "v2");
        OpenedValues none = new OpenedValues(0);
        none.put("p", "c1", "v1");

        assertThat(small.get("p", "c1")).isEqualTo("v1");
        assertThat(small.get("p", "a-long-cipher-text")).isNull();
        assertThat(none.get("p", "c1")).isNull();
    }
}
