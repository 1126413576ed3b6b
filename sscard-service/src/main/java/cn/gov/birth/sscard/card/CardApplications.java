package cn.gov.birth.sscard.card;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.ApplicationSupplemented;
import cn.gov.birth.contracts.events.HouseholdRegistered;
import cn.gov.birth.contracts.events.ItemCompleted;
import cn.gov.birth.contracts.events.ItemFact;
import cn.gov.birth.contracts.events.ItemReturned;
import cn.gov.birth.contracts.events.SocialSecurityCardApplied;
import cn.gov.birth.platform.outbox.Outbox;
import cn.gov.birth.platform.rendezvous.DependentItem;
import cn.gov.birth.platform.rendezvous.Rendezvous;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
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

    private final DependentItem card;
    private final CardProperties properties;
    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Clock clock;

    CardApplications(Rendezvous rendezvous, CardProperties properties, JdbcClient jdbc, Outbox outbox, Clock clock) {
        this.card = new DependentItem(Item.SOCIAL_SECURITY_CARD, Item.HUKOU, Topics.SSCARD, rendezvous, outbox, clock,
                this::apply);
        this.properties = properties;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void onApplication(ApplicationSubmitted application) {
        card.onApplication(application);
    }

    /** A supplement: the corrected form, for an item still waiting or one returned for it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void onSupplement(ApplicationSupplemented supplement) {
        card.onSupplement(supplement);
    }

    /** Facts about the household registration: its final outcome starts or cancels the card. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void onHousehold(ItemFact fact) {
        card.onUpstreamFact(fact);
    }

    private void apply(ApplicationSubmitted application, ItemCompleted household) {
        HouseholdRegistered registered = (HouseholdRegistered) household;
        Instant now = clock.instant();
        UUID id = application.applicationId();
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
