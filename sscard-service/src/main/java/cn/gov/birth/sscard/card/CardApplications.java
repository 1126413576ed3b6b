package cn.gov.birth.sscard.card;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.BirthEvent;
import cn.gov.birth.contracts.events.HouseholdRegistered;
import cn.gov.birth.contracts.events.ItemCancelled;
import cn.gov.birth.contracts.events.ItemFact;
import cn.gov.birth.contracts.events.ItemReturned;
import cn.gov.birth.contracts.events.ItemStarted;
import cn.gov.birth.contracts.events.SocialSecurityCardApplied;
import cn.gov.birth.platform.outbox.Outbox;
import cn.gov.birth.platform.rendezvous.Rendezvous;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies for the newborn's social security card once the household registration gave it a
 * citizen ID number, and hands the card-making data to the chosen bank. One card per person.
 */
@Service
public class CardApplications {

    static final String SENT_TO_BANK = "SENT_TO_BANK";
    private static final String APPLICATION = "application";
    private static final String HOUSEHOLD = "household";
    private static final Set<String> NEEDED = Set.of(APPLICATION, HOUSEHOLD);

    private final Rendezvous rendezvous;
    private final CardProperties properties;
    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Clock clock;

    CardApplications(Rendezvous rendezvous, CardProperties properties, JdbcClient jdbc, Outbox outbox, Clock clock) {
        this.rendezvous = rendezvous;
        this.properties = properties;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void onApplication(ApplicationSubmitted application) {
        if (application.requests(Item.SOCIAL_SECURITY_CARD)) {
            arrive(application, APPLICATION);
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void onHousehold(ItemFact fact) {
        if (fact.item() == Item.HUKOU && fact.finishes()) {
            arrive(fact, HOUSEHOLD);
        }
    }

    private void arrive(BirthEvent event, String part) {
        rendezvous.arrive(event.applicationId().toString(), part, event, NEEDED).ifPresent(parts ->
                apply(parts.get(APPLICATION, ApplicationSubmitted.class), parts.get(HOUSEHOLD, ItemFact.class)));
    }

    private void apply(ApplicationSubmitted application, ItemFact household) {
        Instant now = clock.instant();
        UUID id = application.applicationId();
        if (!(household instanceof HouseholdRegistered registered)) {
            outbox.publish(Topics.SSCARD, new ItemCancelled(UUID.randomUUID(), id, now, Item.SOCIAL_SECURITY_CARD,
                    "UPSTREAM_NOT_COMPLETED", "户口登记未办结，无法申领社会保障卡"));
            return;
        }
        outbox.publish(Topics.SSCARD, new ItemStarted(UUID.randomUUID(), id, now, Item.SOCIAL_SECURITY_CARD));
        String bank = application.socialSecurityCard() == null ? null : application.socialSecurityCard().bankCode();
        if (bank == null || !properties.banks().containsKey(bank)) {
            outbox.publish(Topics.SSCARD, new ItemReturned(UUID.randomUUID(), id, now, Item.SOCIAL_SECURITY_CARD,
                    "CARD_BANK_UNKNOWN", "所选制卡银行不在本地合作银行之列，请重新选择"));
            return;
        }
        String branch = "MAIL".equals(application.delivery() == null ? null
                : application.delivery().socialSecurityCard()) ? null : properties.banks().get(bank);
        int stored = jdbc.sql("""
                        insert into card_application (application_id, citizen_id_number, bank_code, card_status,
                                                      pickup_branch, applied_at)
                        values (?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(id, registered.citizenIdNumber(), bank, SENT_TO_BANK, branch, Timestamp.from(now))
                .update();
        if (stored == 0) {
            outbox.publish(Topics.SSCARD, new ItemReturned(UUID.randomUUID(), id, now, Item.SOCIAL_SECURITY_CARD,
                    "CARD_ALREADY_ISSUED", "该公民身份号码已申领过社会保障卡"));
            return;
        }
        outbox.publish(Topics.SSCARD, new SocialSecurityCardApplied(UUID.randomUUID(), id, now, bank, SENT_TO_BANK,
                branch));
    }
}
