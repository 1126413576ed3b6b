package cn.gov.birth.contracts;

/**
 * What a department owes the family an answer to: the rectification of a 差评 (好差评 levels 1-2)
 * or a complaint (投诉). Both go the same way: a task in the department's queue, answered there,
 * the answer told to the family.
 */
public enum FollowUpKind { RECTIFICATION, COMPLAINT }
