package cn.gov.birth.application.core;

import cn.gov.birth.contracts.Item;
import java.time.LocalDate;

/** When an application accepted on a day, and each of its items, must be finished; null where no limit is stated. */
public interface DueDates {

    LocalDate of(String region, Item item, LocalDate accepted);

    LocalDate ofApplication(String region, LocalDate accepted);
}
