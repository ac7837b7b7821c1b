package io.filament.configapi.rest;

import io.filament.configapi.error.ConfigApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refusals as TF's API server sends them: the status code and a plain-text message saying what is wrong. */
@RestControllerAdvice
class ErrorResponses {

    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

    @ExceptionHandler(ConfigApiException.class)
    ResponseEntity<String> refused(ConfigApiException e) {
        if (e.status() >= 500) {
            log.warn("{}", e.getMessage());
        } else {
            log.debug("Refused ({}): {}", e.status(), e.getMessage());
        }
        return ResponseEntity.status(e.status()).contentType(MediaType.TEXT_PLAIN).body(e.getMessage());
    }
}
