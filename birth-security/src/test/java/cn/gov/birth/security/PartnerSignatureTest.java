package cn.gov.birth.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.security.PartnerSignature.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartnerSignatureTest {

    private static final byte[] SECRET = "a secret of thirty-two bytes ok!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BODY = "{\"requestId\":\"r-1\",\"status\":\"MADE\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    private static Verdict verify(Map<String, String> headers, byte[] body, byte[] secret, Instant at) {
        return PartnerSignature.verify(headers.get(PartnerSignature.PARTNER), headers.get(PartnerSignature.TIMESTAMP),
                headers.get(PartnerSignature.NONCE), headers.get(PartnerSignature.SIGNATURE), body, secret, at);
    }

    @Test
    void shouldComputeTheHmacSha256OfRfc4231WhicheverKeyItsMacHadBefore() {
        PartnerSignature.hmac(SECRET, BODY);

        // RFC 4231, test case 2, the data in two parts.
        byte[] mac = PartnerSignature.hmac("Jefe".getBytes(StandardCharsets.US_ASCII),
                "what do ya ".getBytes(StandardCharsets.US_ASCII), "want for nothing?".getBytes(StandardCharsets.US_ASCII));

        assertThat(HexFormat.of().formatHex(mac))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void shouldAcceptWhatItSignedWithTheSameSecret() {
        Map<String, String> headers = PartnerSignature.headers("BANK-ICBC", SECRET, BODY, NOW);

        assertThat(verify(headers, BODY, SECRET, NOW.plusSeconds(30))).isEqualTo(Verdict.VALID);
        assertThat(headers.get(PartnerSignature.NONCE)).matches("[A-Za-z0-9_-]{16,64}");
    }

    @Test
    void shouldRefuseAChangedBodyOrAnotherSecret() {
        Map<String, String> headers = PartnerSignature.headers("BANK-ICBC", SECRET, BODY, NOW);

        assertThat(verify(headers, "{\"requestId\":\"r-2\"}".getBytes(StandardCharsets.UTF_8), SECRET, NOW))
                .isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(verify(headers, BODY, "another secret of thirty-two by!".getBytes(StandardCharsets.US_ASCII), NOW))
                .isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void shouldRefuseAMessageOlderOrNewerThanFiveMinutes() {
        Map<String, String> headers = PartnerSignature.headers("TAX-CHANNEL", SECRET, BODY, NOW);

        assertThat(verify(headers, BODY, SECRET, NOW.plus(Duration.ofMinutes(5)))).isEqualTo(Verdict.VALID);
        assertThat(verify(headers, BODY, SECRET, NOW.plus(Duration.ofMinutes(5)).plusSeconds(1)))
                .isEqualTo(Verdict.STALE);
        assertThat(verify(headers, BODY, SECRET, NOW.minus(Duration.ofMinutes(6)))).isEqualTo(Verdict.STALE);
    }

    @Test
    void shouldTellMissingMalformedAndUnknownPartnersApart() {
        Map<String, String> headers = PartnerSignature.headers("TAX-CHANNEL", SECRET, BODY, NOW);

        assertThat(PartnerSignature.verify("TAX-CHANNEL", null, "n", "s", BODY, SECRET, NOW))
                .isEqualTo(Verdict.MISSING_HEADERS);
        assertThat(PartnerSignature.verify("TAX-CHANNEL", headers.get(PartnerSignature.TIMESTAMP), "short",
                headers.get(PartnerSignature.SIGNATURE), BODY, SECRET, NOW)).isEqualTo(Verdict.MALFORMED_HEADERS);
        assertThat(verify(headers, BODY, null, NOW)).isEqualTo(Verdict.UNKNOWN_PARTNER);
    }
}
