package org.anaiss.platform.crypto;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;


/** A NIR with a valid format and control key; null is accepted (use @NotNull to require one). */
@Documented
@Constraint(validatedBy = ValidNir.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidNir {
    String message() default "must be a valid NIR (13 characters and a 2-digit control key)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidNir, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || (value.length() <= 30 && Nir.isValid(value));
        }
    }
}
