package cn.gov.birth.application.core;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.contracts.ApplicationStatus;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.ItemStatus;
import cn.gov.birth.contracts.events.BirthCertificateIssued;
import cn.gov.birth.contracts.events.ItemReturned;
import cn.gov.birth.contracts.events.ItemStarted;
import cn.gov.birth.contracts.events.ItemAwaitingReview;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StatusFoldingTest {

    private static final UUID APP = UUID.randomUUID();

    @Test
    void shouldCompleteItemOnCompletionFact() {
        assertThat(StatusFolding.next(ItemStatus.IN_PROGRESS, issued())).isEqualTo(ItemStatus.COMPLETED);
    }

    @Test
    void shouldNotLetLateStartUndoCompletion() {
        var started = new ItemStarted(UUID.randomUUID(), APP, Instant.now(), Item.BIRTH_CERT);
        assertThat(StatusFolding.next(ItemStatus.COMPLETED, started)).isEqualTo(ItemStatus.COMPLETED);
    }

    @Test
    void shouldMoveWaitingItemToInProgressWhenStarted() {
        var started = new ItemStarted(UUID.randomUUID(), APP, Instant.now(), Item.HUKOU);
        assertThat(StatusFolding.next(ItemStatus.WAITING, started)).isEqualTo(ItemStatus.IN_PROGRESS);
    }

    @Test
    void shouldKeepAnItemWaitingForStaffInProgress() {
        var awaiting = new ItemAwaitingReview(UUID.randomUUID(), APP, Instant.now(), Item.HUKOU, "LATE_REGISTRATION",
                "超过出生登记期限，转户籍民警人工审核");

        assertThat(StatusFolding.next(ItemStatus.WAITING, awaiting)).isEqualTo(ItemStatus.IN_PROGRESS);
        assertThat(StatusFolding.next(ItemStatus.RETURNED, awaiting)).isEqualTo(ItemStatus.IN_PROGRESS);
    }

    @Test
    void shouldReturnItemWithReason() {
        var returned = new ItemReturned(UUID.randomUUID(), APP, Instant.now(), Item.BIRTH_CERT,
                "DELIVERY_RECORD_NOT_FOUND", "未找到分娩记录");
        assertThat(StatusFolding.next(ItemStatus.IN_PROGRESS, returned)).isEqualTo(ItemStatus.RETURNED);
    }

    @Test
    void shouldCountItemsGrantedAtTheHospitalAsCompleted() {
        assertThat(StatusFolding.overall(ApplicationStatus.IN_PROGRESS,
                List.of(ItemStatus.COMPLETED, ItemStatus.GRANTED_AT_HOSPITAL), true))
                .isEqualTo(ApplicationStatus.COMPLETED);
        assertThat(StatusFolding.overall(ApplicationStatus.IN_PROGRESS,
                List.of(ItemStatus.IN_PROGRESS, ItemStatus.GRANTED_AT_HOSPITAL), true))
                .isEqualTo(ApplicationStatus.IN_PROGRESS);
    }

    @Test
    void shouldNotLetAFactChangeAnItemGrantedAtTheHospital() {
        var started = new ItemStarted(UUID.randomUUID(), APP, Instant.now(), Item.VACCINATION);
        assertThat(StatusFolding.next(ItemStatus.GRANTED_AT_HOSPITAL, started))
                .isEqualTo(ItemStatus.GRANTED_AT_HOSPITAL);
    }

    @Test
    void shouldBeCompletedWhenEveryItemCompleted() {
        assertThat(StatusFolding.overall(ApplicationStatus.IN_PROGRESS,
                List.of(ItemStatus.COMPLETED, ItemStatus.COMPLETED), true)).isEqualTo(ApplicationStatus.COMPLETED);
    }

    @Test
    void shouldBePartiallyCompletedWhenAllFinishedButSomeNotCompleted() {
        assertThat(StatusFolding.overall(ApplicationStatus.IN_PROGRESS,
                List.of(ItemStatus.COMPLETED, ItemStatus.CANCELLED, ItemStatus.REJECTED), true))
                .isEqualTo(ApplicationStatus.PARTIALLY_COMPLETED);
    }

    @Test
    void shouldRequireActionWhenAnyItemReturned() {
        assertThat(StatusFolding.overall(ApplicationStatus.IN_PROGRESS,
                List.of(ItemStatus.COMPLETED, ItemStatus.RETURNED, ItemStatus.WAITING), true))
                .isEqualTo(ApplicationStatus.ACTION_REQUIRED);
    }

    @Test
    void shouldStayAcceptedUntilFirstFactAndThenBeInProgress() {
        var items = List.of(ItemStatus.IN_PROGRESS, ItemStatus.WAITING);
        assertThat(StatusFolding.overall(ApplicationStatus.ACCEPTED, items, false)).isEqualTo(ApplicationStatus.ACCEPTED);
        assertThat(StatusFolding.overall(ApplicationStatus.ACCEPTED, items, true)).isEqualTo(ApplicationStatus.IN_PROGRESS);
    }

    @Test
    void shouldKeepWithdrawnApplicationWithdrawn() {
        assertThat(StatusFolding.overall(ApplicationStatus.WITHDRAWN, List.of(ItemStatus.COMPLETED), true))
                .isEqualTo(ApplicationStatus.WITHDRAWN);
    }

    private static BirthCertificateIssued issued() {
        return new BirthCertificateIssued(UUID.randomUUID(), APP, Instant.now(), "Q000000001", false);
    }
}
