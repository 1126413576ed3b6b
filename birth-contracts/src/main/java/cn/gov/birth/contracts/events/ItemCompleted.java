package cn.gov.birth.contracts.events;

import java.util.Map;

/** A fact that completes an item, carrying the item's result as the public API shows it. */
public interface ItemCompleted extends ItemFact {

    Map<String, Object> result();
}
