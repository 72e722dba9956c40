package dev.foresight.domain.rollback;

/** Real Avro schemas of one record as a release might change it, for compatibility tests. */
public final class OrderSchemas {

    public static final String ORDER_V1 = """
            {"type": "record", "name": "Order", "namespace": "com.example", "fields": [
              {"name": "id", "type": "string"},
              {"name": "amount", "type": "double"},
              {"name": "status", "type": "string"}]}""";
    public static final String ORDER_WITH_OPTIONAL_NOTE = """
            {"type": "record", "name": "Order", "namespace": "com.example", "fields": [
              {"name": "id", "type": "string"},
              {"name": "amount", "type": "double"},
              {"name": "status", "type": "string"},
              {"name": "note", "type": ["null", "string"], "default": null}]}""";
    public static final String ORDER_WITHOUT_STATUS = """
            {"type": "record", "name": "Order", "namespace": "com.example", "fields": [
              {"name": "id", "type": "string"},
              {"name": "amount", "type": "double"}]}""";
    public static final String ORDER_WITH_INT_ID = """
            {"type": "record", "name": "Order", "namespace": "com.example", "fields": [
              {"name": "id", "type": "int"},
              {"name": "amount", "type": "double"},
              {"name": "status", "type": "string"}]}""";

    private OrderSchemas() {
    }
}
