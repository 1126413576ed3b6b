package cn.gov.birth.contracts.events;

/** A fact that stops an item short of completion, for now or for good, with a reason code and a message for people. */
public interface ItemNotCompleted extends ItemFact {

    String reasonCode();

    String message();
}
