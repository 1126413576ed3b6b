package cn.gov.birth.platform.rendezvous;

import cn.gov.birth.platform.crypto.EncryptedColumn;
import cn.gov.birth.platform.crypto.FieldEncryption;
import cn.gov.birth.platform.events.EventCatalog;
import cn.gov.birth.platform.events.EventCodec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Joins facts that arrive on different topics in any order: a step that needs, say, the
 * application and the household registration runs once, when the last of them arrives. Facts
 * travel on separate topics, so either may come first, and either may arrive again. Parts are
 * stored sealed ({@link #PAYLOAD}): they carry personal data.
 */
public class Rendezvous {

    /** The parts' event bodies, sealed for this place. */
    public static final EncryptedColumn PAYLOAD =
            new EncryptedColumn("rendezvous_part", "id", "payload", "rendezvous_part.payload");

    private final JdbcClient jdbc;
    private final EventCatalog catalog;
    private final FieldEncryption encryption;

    public Rendezvous(JdbcClient jdbc, EventCatalog catalog, FieldEncryption encryption) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.encryption = encryption;
    }

    /**
     * Records {@code event} as the {@code part} of {@code key}; when every needed part is there and
     * the join has not fired yet, fires it (once) and returns the parts.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Parts> arrive(String key, String part, Object event, Set<String> needed) {
        boolean recorded = store(key, part, event, "do nothing");
        // The parts stay sealed until the join fires: only the arrival that fires needs them, so the
        // others skip decrypting and parsing every part stored so far.
        List<StoredPart> stored = stored(key);
        if (!stored.stream().map(StoredPart::part).collect(Collectors.toSet()).containsAll(needed)) {
            return Optional.empty();
        }
        int fired = jdbc.sql("insert into rendezvous_done (join_key) values (?) on conflict do nothing")
                .param(key).update();
        return fired == 1 ? Optional.of(opened(stored, recorded ? Map.of(part, event) : Map.of()))
                : Optional.empty();
    }

    /**
     * Replaces the {@code part} of {@code key} with a corrected version (a supplement). Returns the
     * parts, with the replacement, when the join has already fired: the caller then decides whether
     * to run the step again; before that, the step will simply run on the corrected part.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Parts> replace(String key, String part, Object event) {
        store(key, part, event,
                "(join_key, part) do update set event_type = excluded.event_type, payload = excluded.payload");
        boolean fired = jdbc.sql("select count(*) from rendezvous_done where join_key = ?").param(key)
                .query(Long.class).single() > 0;
        return fired ? Optional.of(opened(stored(key), Map.of(part, event))) : Optional.empty();
    }

    /** Whether the part was written (an arrival that came before leaves it as it was). */
    private boolean store(String key, String part, Object event, String onConflict) {
        // Serialize arrivals for one key so that two parts arriving together see each other.
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))").param(key).query().singleRow();
        return jdbc.sql("insert into rendezvous_part (join_key, part, event_type, payload) values (?, ?, ?, ?) on conflict "
                        + onConflict)
                .params(key, part, catalog.typeOf(event),
                        encryption.seal(EventCodec.mapper().writeValueAsString(event), PAYLOAD.place()))
                .update() == 1;
    }

    private List<StoredPart> stored(String key) {
        return jdbc.sql("select part, event_type, payload from rendezvous_part where join_key = ?").param(key)
                .query((rs, n) -> new StoredPart(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    /** The parts as events: those this transaction just wrote as they are in hand, the others opened and parsed. */
    private Parts opened(List<StoredPart> stored, Map<String, Object> written) {
        Map<String, Object> parts = new HashMap<>(written);
        stored.stream().filter(part -> !written.containsKey(part.part())).forEach(part ->
                parts.put(part.part(), EventCodec.mapper().readValue(
                        encryption.open(part.payload(), PAYLOAD.place()),
                        catalog.classOf(part.eventType()).orElseThrow(
                                () -> new IllegalStateException("unknown event type in a rendezvous")))));
        return new Parts(parts);
    }

    /** A part as stored: its name, its event's type and its sealed body. */
    private record StoredPart(String part, String eventType, String payload) {
    }

    /** The joined facts by part name. */
    public record Parts(Map<String, Object> byPart) {

        public <E> E get(String part, Class<E> type) {
            return type.cast(byPart.get(part));
        }
    }
}
