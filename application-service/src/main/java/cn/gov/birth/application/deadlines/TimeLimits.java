package cn.gov.birth.application.deadlines;

import cn.gov.birth.contracts.Item;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The promised time limits (承诺办结时限) per region, in working days: per item and for the whole
 * application. 0 is an immediate item (即办件); a limit the region's documents do not state is
 * absent, and the item then has no deadline.
 */
@ConfigurationProperties("birth.time-limits")
public record TimeLimits(Map<String, Region> regions) {

    public TimeLimits {
        regions = regions == null ? Map.of() : Map.copyOf(regions);
    }

    public Optional<Integer> of(String region, Item item) {
        return Optional.ofNullable(regions.get(region)).map(r -> r.items().get(item));
    }

    public Optional<Integer> whole(String region) {
        return Optional.ofNullable(regions.get(region)).map(Region::whole);
    }

    public record Region(Integer whole, Map<Item, Integer> items) {

        public Region {
            items = items == null ? Map.of() : Map.copyOf(items);
            if (whole != null && whole < 0 || items.values().stream().anyMatch(days -> days == null || days < 0)) {
                throw new IllegalArgumentException("time limits must be zero or more working days");
            }
        }
    }
}
