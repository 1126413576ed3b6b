package cn.gov.birth.platform.db;

import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.Location;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;

/** Shared tables migrate with each service's own: a module adds its folder of migrations. */
public final class Migrations {

    public static FlywayConfigurationCustomizer alsoFrom(String location) {
        return configuration -> {
            List<Location> locations = new ArrayList<>(List.of(configuration.getLocations()));
            locations.add(new Location(location));
            configuration.locations(locations.toArray(Location[]::new));
        };
    }

    private Migrations() {
    }
}
