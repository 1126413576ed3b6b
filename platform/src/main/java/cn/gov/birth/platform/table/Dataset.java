package cn.gov.birth.platform.table;

/** A bean that keeps a table of imported rows, with the lookups the rest of its service makes in it. */
public interface Dataset {

    Table table();
}
