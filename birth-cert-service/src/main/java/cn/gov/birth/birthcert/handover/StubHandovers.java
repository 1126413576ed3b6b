package cn.gov.birth.birthcert.handover;

import cn.gov.birth.contracts.ChinaTime;
import cn.gov.birth.platform.web.InvalidInputException;
import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The quarterly handover of birth certificate stubs (存根) to the police: after each quarter, one
 * record per station — the station of the county that registers the births — listing the
 * certificates issued in that quarter. Producing a quarter again adds nothing: the record of a
 * station and quarter is made once, by whichever instance runs the job first.
 */
@Service
public class StubHandovers {

    private static final Logger log = LoggerFactory.getLogger(StubHandovers.class);
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

    private final JdbcClient jdbc;
    private final Clock clock;

    StubHandovers(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record Handover(String county, String quarter, List<String> certificateNumbers, Instant producedAt) {
    }

    /** Early on the first day of each quarter (China time), the quarter just ended. */
    @Scheduled(cron = "${birth.birth-certificate.stub-handover-cron:0 30 1 1 1,4,7,10 *}", zone = ChinaTime.ZONE_NAME)
    void handOverLastQuarter() {
        String quarter = quarterOf(LocalDate.now(clock.withZone(ChinaTime.ZONE)).minusMonths(3));
        log.info("Stub handover for {}: {} station records made", quarter, handOver(quarter));
    }

    /**
     * Makes the quarter's records not made yet; returns how many it made. Only a quarter that has
     * ended: a record is made once, so one made early would miss the quarter's later certificates.
     */
    @Transactional
    public int handOver(String quarter) {
        LocalDate start = startOf(quarter);
        if (start.plusMonths(3).isAfter(LocalDate.now(clock.withZone(ChinaTime.ZONE)))) {
            throw new InvalidInputException(List.of(new FieldError("quarter", "QUARTER_NOT_ENDED",
                    "the handover of " + quarter + " is made once the quarter has ended")));
        }
        return jdbc.sql("""
                        insert into stub_handover (county, quarter, certificate_numbers, produced_at)
                        select household_county, ?, array_agg(certificate_number order by certificate_number), ?
                        from birth_certificate
                        where not verified and household_county is not null
                          and issued_at >= ? and issued_at < ?
                        group by household_county
                        on conflict do nothing""")
                .params(quarter, Timestamp.from(clock.instant()),
                        Timestamp.from(start.atStartOfDay(ChinaTime.ZONE).toInstant()),
                        Timestamp.from(start.plusMonths(3).atStartOfDay(ChinaTime.ZONE).toInstant()))
                .update();
    }

    public List<Handover> of(String quarter) {
        startOf(quarter);
        return jdbc.sql("""
                        select county, quarter, certificate_numbers, produced_at from stub_handover
                        where quarter = ? order by county""")
                .param(quarter)
                .query((rs, n) -> new Handover(rs.getString(1), rs.getString(2),
                        Arrays.asList((String[]) rs.getArray(3).getArray()), rs.getTimestamp(4).toInstant()))
                .list();
    }

    static String quarterOf(LocalDate day) {
        return day.getYear() + "-Q" + ((day.getMonthValue() - 1) / 3 + 1);
    }

    /** The first day of a quarter written {@code 2026-Q4}; anything else is bad input. */
    static LocalDate startOf(String quarter) {
        Matcher m = QUARTER.matcher(quarter == null ? "" : quarter);
        if (!m.matches()) {
            throw new InvalidInputException(List.of(new FieldError("quarter", "INVALID_QUARTER",
                    "quarter must look like 2026-Q4")));
        }
        return LocalDate.of(Integer.parseInt(m.group(1)), 3 * (Integer.parseInt(m.group(2)) - 1) + 1, 1);
    }
}
