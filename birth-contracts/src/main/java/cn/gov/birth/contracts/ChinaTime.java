package cn.gov.birth.contracts;

import java.time.ZoneId;

/** The one time zone of dates in the policies, the registers and the notices: Beijing time. */
public final class ChinaTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private ChinaTime() {
    }
}
