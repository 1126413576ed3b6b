package cn.gov.birth.platform.web;

import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of a list, newest or oldest first as the list says: {@code page} counts from 0, and
 * {@code totalItems} is the length of the whole list.
 */
public record Page<T>(List<T> items, int page, int size, long totalItems) {

    public static final int MAX_SIZE = 100;

    public Page {
        items = List.copyOf(items);
    }

    /** Where a page starts and how long it is, checked: 400 for a negative page or a size outside 1 to 100. */
    public record Request(int page, int size) {

        public Request {
            List<FieldError> errors = new ArrayList<>();
            if (page < 0) {
                errors.add(new FieldError("page", "OUT_OF_RANGE", "page 从0开始"));
            }
            if (size < 1 || size > MAX_SIZE) {
                errors.add(new FieldError("size", "OUT_OF_RANGE", "size 应为1至" + MAX_SIZE));
            }
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
        }

        public long offset() {
            return (long) page * size;
        }

        public <T> Page<T> of(List<T> items, long totalItems) {
            return new Page<>(items, page, size, totalItems);
        }
    }
}
