package cn.gov.birth.hukou.printing;

import cn.gov.birth.platform.crypto.EncryptedColumn;
import cn.gov.birth.platform.crypto.EncryptedColumns;
import cn.gov.birth.platform.table.ColumnProtection;
import cn.gov.birth.platform.table.ProtectedColumn;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Printing notices (户口登记打印通知): each registration tells its police station to print the
 * newborn's household register page, which the applicant collects there.
 */
@Component
public class PrintingNotices implements EncryptedColumns {

    /** The station prints the newborn's citizen ID number: sealed. */
    static final ProtectedColumn CITIZEN_ID_NUMBER = ProtectedColumn.sealed("printing_notice", "application_id",
            "citizen_id_number");

    private final JdbcClient jdbc;
    private final ColumnProtection protection;

    PrintingNotices(JdbcClient jdbc, ColumnProtection protection) {
        this.jdbc = jdbc;
        this.protection = protection;
    }

    @Override
    public List<EncryptedColumn> encryptedColumns() {
        return List.of(CITIZEN_ID_NUMBER.encryptedColumn());
    }

    public record PrintingNotice(UUID applicationId, String stationCode, String citizenIdNumber, String newbornName,
                                 String householdNumber, Instant createdAt) {
    }

    /** Leaves the notice in the registration's transaction, so a registration never goes without one. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void leave(PrintingNotice notice) {
        jdbc.sql("""
                        insert into printing_notice (application_id, station_code, citizen_id_number, newborn_name,
                                                     household_number, created_at)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(notice.applicationId(), notice.stationCode(),
                        protection.seal(CITIZEN_ID_NUMBER, notice.citizenIdNumber()), notice.newbornName(),
                        notice.householdNumber(), Timestamp.from(notice.createdAt()))
                .update();
    }

    /** The station's notices, newest first. */
    List<PrintingNotice> forStation(String stationCode, int limit) {
        return jdbc.sql("""
                        select application_id, station_code, citizen_id_number, newborn_name, household_number,
                               created_at
                        from printing_notice where station_code = ?
                        order by created_at desc, application_id limit ?""")
                .params(stationCode, limit)
                .query((rs, row) -> new PrintingNotice(rs.getObject("application_id", UUID.class),
                        rs.getString("station_code"), protection.open(CITIZEN_ID_NUMBER, rs.getString("citizen_id_number")),
                        rs.getString("newborn_name"), rs.getString("household_number"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }
}
