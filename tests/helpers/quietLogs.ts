// Payload logs every migration and connection at info level; tests only want warnings and errors.
process.env.LOG_LEVEL ??= 'warn'
