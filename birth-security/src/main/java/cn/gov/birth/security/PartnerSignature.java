package cn.gov.birth.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How messages between the platform and its partners (banks, the tax payment channel) are signed,
 * both ways: HMAC-SHA256 with the secret shared with that partner over
 * {@code <timestamp>\n<nonce>\n<body bytes>}, lowercase hex. Headers:
 * <ul>
 *   <li>{@value #PARTNER}: the partner whose shared secret signs ({@code TAX-CHANNEL}, {@code BANK-ICBC}, ...)</li>
 *   <li>{@value #TIMESTAMP}: seconds since the epoch; more than {@link #MAX_SKEW} off is refused</li>
 *   <li>{@value #NONCE}: 16 to 64 characters of {@code [A-Za-z0-9_-]}, never used twice</li>
 *   <li>{@value #SIGNATURE}: the HMAC</li>
 * </ul>
 */
public final class PartnerSignature {

    public static final String PARTNER = "X-Birth-Partner";
    public static final String TIMESTAMP = "X-Birth-Timestamp";
    public static final String NONCE = "X-Birth-Nonce";
    public static final String SIGNATURE = "X-Birth-Signature";
    /** How far a message's timestamp may be from the receiver's clock, either way. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(5);
    public static final String PARTNER_PATTERN = "[A-Z0-9][A-Z0-9_-]{0,63}";
    private static final String NONCE_PATTERN = "[A-Za-z0-9_-]{16,64}";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern WELL_FORMED_PARTNER = Pattern.compile(PARTNER_PATTERN);
    private static final Pattern WELL_FORMED_TIMESTAMP = Pattern.compile("\\d{1,12}");
    private static final Pattern WELL_FORMED_NONCE = Pattern.compile(NONCE_PATTERN);
    private static final Pattern WELL_FORMED_SIGNATURE = Pattern.compile("[0-9a-f]{64}");
    private static final byte[] NEWLINE = {'\n'};
    /**
     * Macs free again: {@code Mac.getInstance} searches the providers each time, as costly as the HMAC of
     * a short message; {@code doFinal} leaves a Mac as new, and each use initialises it with its key.
     */
    private static final BlockingQueue<Mac> IDLE_MACS = new ArrayBlockingQueue<>(64);

    /** Why a message was refused; {@link #VALID} when it was not. */
    public enum Verdict {
        VALID, MISSING_HEADERS, MALFORMED_HEADERS, UNKNOWN_PARTNER, STALE, BAD_SIGNATURE
    }

    /** The headers that sign {@code body} for {@code partner} now, with a fresh nonce. */
    public static Map<String, String> headers(String partner, byte[] secret, byte[] body, Instant now) {
        String timestamp = Long.toString(now.getEpochSecond());
        byte[] random = new byte[18];
        RANDOM.nextBytes(random);
        String nonce = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(PARTNER, partner);
        headers.put(TIMESTAMP, timestamp);
        headers.put(NONCE, nonce);
        headers.put(SIGNATURE, sign(secret, timestamp, nonce, body));
        return headers;
    }

    public static String sign(byte[] secret, String timestamp, String nonce, byte[] body) {
        return HexFormat.of().formatHex(hmac(secret, timestamp.getBytes(StandardCharsets.US_ASCII), NEWLINE,
                nonce.getBytes(StandardCharsets.US_ASCII), NEWLINE, body));
    }

    /**
     * Checks the signature headers of a message (not whether its nonce was seen before: that is
     * the receiver's store). {@code secret} is null when no secret is known for the partner.
     */
    public static Verdict verify(String partner, String timestamp, String nonce, String signature, byte[] body,
                                 byte[] secret, Instant now) {
        if (partner == null || timestamp == null || nonce == null || signature == null) {
            return Verdict.MISSING_HEADERS;
        }
        if (!WELL_FORMED_PARTNER.matcher(partner).matches() || !WELL_FORMED_TIMESTAMP.matcher(timestamp).matches()
                || !WELL_FORMED_NONCE.matcher(nonce).matches() || !WELL_FORMED_SIGNATURE.matcher(signature).matches()) {
            return Verdict.MALFORMED_HEADERS;
        }
        if (secret == null) {
            return Verdict.UNKNOWN_PARTNER;
        }
        long skew = Math.abs(now.getEpochSecond() - Long.parseLong(timestamp));
        if (skew > MAX_SKEW.toSeconds()) {
            return Verdict.STALE;
        }
        byte[] expected = sign(secret, timestamp, nonce, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))
                ? Verdict.VALID : Verdict.BAD_SIGNATURE;
    }

    /** HMAC-SHA256 under {@code key} of the parts, one after the other. */
    static byte[] hmac(byte[] key, byte[]... parts) {
        Mac mac = IDLE_MACS.poll();
        try {
            if (mac == null) {
                mac = Mac.getInstance("HmacSHA256");
            }
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            byte[] result = mac.doFinal();
            IDLE_MACS.offer(mac);
            return result;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private PartnerSignature() {
    }
}
