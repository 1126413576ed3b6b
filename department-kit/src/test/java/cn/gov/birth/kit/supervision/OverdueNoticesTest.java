package cn.gov.birth.kit.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ItemWentOverdue;
import cn.gov.birth.contracts.events.VaccinationCertificateIssued;
import cn.gov.birth.kit.outcome.ItemOutcomes;
import cn.gov.birth.platform.test.PlatformDatabase;
import cn.gov.birth.platform.web.Page;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What supervision tells the CDC about its items gone overdue, as vaccination-service keeps it for staff. */
class OverdueNoticesTest {

    private static final PlatformDatabase DATABASE = new PlatformDatabase("kit_overdue_notices", "classpath:db/kit");
    private static final Page.Request FIRST_PAGE = new Page.Request(0, 50);

    private final OverdueNotices notices = new OverdueNotices(Department.CDC, DATABASE.jdbc());
    private final ItemOutcomes outcomes = new ItemOutcomes(DATABASE.jdbc());

    @BeforeEach
    void noNotices() {
        DATABASE.jdbc().sql("truncate overdue_notice, item_outcome").update();
    }

    @Test
    void shouldRecordANoticeOnceHoweverOftenItComes() {
        UUID id = UUID.randomUUID();
        ItemWentOverdue overdue = overdue(id, Item.VACCINATION, "2026-12-02T01:00:00Z");

        DATABASE.transactions().executeWithoutResult(status -> {
            notices.onOverdue(overdue);
            notices.onOverdue(overdue);
        });

        assertThat(notices.notices(FIRST_PAGE).items()).singleElement().satisfies(notice -> {
            assertThat(notice.applicationId()).isEqualTo(id);
            assertThat(notice.item()).isEqualTo(Item.VACCINATION);
            assertThat(notice.reference()).isEqualTo("520000-20261130-000001");
            assertThat(notice.deadline()).isEqualTo(LocalDate.of(2026, 11, 30));
            assertThat(notice.finished()).isFalse();
        });
    }

    @Test
    void shouldIgnoreAnotherDepartmentsItem() {
        DATABASE.transactions().executeWithoutResult(status ->
                notices.onOverdue(overdue(UUID.randomUUID(), Item.HUKOU, "2026-12-02T01:00:00Z")));

        assertThat(notices.notices(FIRST_PAGE).totalItems()).isZero();
    }

    @Test
    void shouldListTheNewestFirstAndShowWhichFinishedSince() {
        UUID older = UUID.randomUUID();
        UUID newer = UUID.randomUUID();
        DATABASE.transactions().executeWithoutResult(status -> {
            notices.onOverdue(overdue(older, Item.VACCINATION, "2026-12-02T01:00:00Z"));
            notices.onOverdue(overdue(newer, Item.VACCINATION, "2026-12-03T01:00:00Z"));
            // The CDC issued the older one's certificate since: its outcome is recorded as it is published.
            outcomes.beforePublish(Topics.VACCINATION, new VaccinationCertificateIssued(UUID.randomUUID(), older,
                    Instant.parse("2026-12-03T02:00:00Z"), "V520000000001"));
        });

        var page = notices.notices(FIRST_PAGE);

        assertThat(page.items()).extracting(OverdueNotices.Notice::applicationId).containsExactly(newer, older);
        assertThat(page.items()).extracting(OverdueNotices.Notice::finished).containsExactly(false, true);
    }

    private static ItemWentOverdue overdue(UUID id, Item item, String at) {
        return new ItemWentOverdue(UUID.randomUUID(), id, Instant.parse(at), "520000-20261130-000001", item,
                LocalDate.of(2026, 11, 30));
    }
}
