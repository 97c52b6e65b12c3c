/** Exception hierarchy: {@link dev.hone.core.error.UserInputException} means exit code 2. */
package dev.hone.core.error;
