package cn.gov.birth.hukou.registration;

import cn.gov.birth.contracts.codes.ResidentIdNumber;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Assigns citizen ID numbers (GB 11643): county code, birth date, a sequence odd for boys and
 * even for girls, and the check character. The counter row is updated in the caller's
 * transaction, so concurrent registrations (on any number of instances) queue on that row and
 * never get the same number, and a rolled-back registration gives its number back.
 */
@Component
public class CitizenIdNumbers {

    static final int MAX_SEQUENCE = 999;

    private final JdbcClient jdbc;

    CitizenIdNumbers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The next number, or empty when the county's sequence space for that day and sex is used up. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<String> next(String division, LocalDate birthDate, String sex) {
        int first = firstSequence(sex);
        int sequence = jdbc.sql("""
                        insert into citizen_id_sequence (division, birth_date, sex, last) values (?, ?, ?, ?)
                        on conflict (division, birth_date, sex)
                        do update set last = citizen_id_sequence.last + 2
                        returning last""")
                .params(division, birthDate, sex, first)
                .query(Integer.class).single();
        return sequence > MAX_SEQUENCE ? Optional.empty()
                : Optional.of(ResidentIdNumber.of(division, birthDate, sequence));
    }

    /** Boys (GB/T 2261.1 code 1) start at 1 and stay odd; girls (2) start at 2 and stay even. */
    static int firstSequence(String sex) {
        return switch (sex) {
            case "1" -> 1;
            case "2" -> 2;
            default -> throw new IllegalArgumentException("sex must be 1 or 2");
        };
    }
}
