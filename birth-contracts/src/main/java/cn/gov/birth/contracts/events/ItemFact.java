package cn.gov.birth.contracts.events;

import cn.gov.birth.contracts.Item;

/** A department's fact about one item of an application. */
public interface ItemFact extends BirthEvent {

    Item item();
}
