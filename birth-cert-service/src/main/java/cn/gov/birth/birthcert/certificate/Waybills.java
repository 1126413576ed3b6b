package cn.gov.birth.birthcert.certificate;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Waybill numbers for mailed certificates, from the range the postal carrier allots a bulk sender
 * (大客户预分配单号段): UPU S10, the range's two letters, an eight-digit serial, its check digit and
 * CN. Numbered in the issuing transaction, so a certificate and its waybill are stored together.
 */
@Component
class Waybills {

    private static final int[] WEIGHTS = {8, 6, 4, 2, 3, 5, 9, 7};

    private final JdbcClient jdbc;
    private final BirthCertificateProperties properties;

    Waybills(JdbcClient jdbc, BirthCertificateProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    String next() {
        long serial = jdbc.sql("select nextval('waybill_serial')").query(Long.class).single();
        return number(properties.mail().waybillPrefix(), serial);
    }

    /** The S10 number of a serial: the check digit is 11 minus the weighted sum modulo 11 (10 is 0, 11 is 5). */
    static String number(String prefix, long serial) {
        String digits = "%08d".formatted(serial % 100_000_000L);
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (digits.charAt(i) - '0') * WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        return prefix + digits + (check == 10 ? 0 : check == 11 ? 5 : check) + "CN";
    }
}
