package cn.gov.birth.contracts;

import java.time.ZoneId;
import java.time.ZoneOffset;

/** The one time zone of dates in the policies, the registers and the notices: Beijing time. */
public final class ChinaTime {

    /** Its name, for annotations (a scheduled job's {@code zone}). */
    public static final String ZONE_NAME = "Asia/Shanghai";

    public static final ZoneId ZONE = ZoneId.of(ZONE_NAME);

    /** Its offset, all year round (no daylight saving time): how birth times are written, {@code +08:00}. */
    public static final ZoneOffset OFFSET = ZoneOffset.ofHours(8);

    private ChinaTime() {
    }
}
