package dev.foresight.domain.rollback;

import static dev.foresight.domain.rollback.OrderSchemas.ORDER_V1;
import static dev.foresight.domain.rollback.OrderSchemas.ORDER_WITHOUT_STATUS;
import static dev.foresight.domain.rollback.OrderSchemas.ORDER_WITH_INT_ID;
import static dev.foresight.domain.rollback.OrderSchemas.ORDER_WITH_OPTIONAL_NOTE;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AvroCompatibilityTest {

    @Test
    void shouldReadDataWrittenWithAnAddedOptionalField() {
        assertTrue(AvroCompatibility.canRead(ORDER_V1, ORDER_WITH_OPTIONAL_NOTE).compatible());
    }

    @Test
    void shouldNotReadDataMissingAFieldTheReaderHasNoDefaultFor() {
        AvroCompatibility.Result result = AvroCompatibility.canRead(ORDER_V1, ORDER_WITHOUT_STATUS);
        assertFalse(result.compatible());
        assertTrue(result.problems().stream().anyMatch(p -> p.contains("READER_FIELD_MISSING_DEFAULT_VALUE")
                && p.contains("status")), result.problems().toString());
    }

    @Test
    void shouldNotReadAFieldWhoseTypeChanged() {
        AvroCompatibility.Result result = AvroCompatibility.canRead(ORDER_V1, ORDER_WITH_INT_ID);
        assertFalse(result.compatible());
        assertTrue(result.problems().stream().anyMatch(p -> p.contains("TYPE_MISMATCH")), result.problems().toString());
    }

    @Test
    void shouldReportAnUnparseableSchemaAsIncompatible() {
        AvroCompatibility.Result result = AvroCompatibility.canRead(ORDER_V1, "{not a schema");
        assertFalse(result.compatible());
        assertTrue(result.problems().get(0).startsWith("unparseable schema"));
    }
}
