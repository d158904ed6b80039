module gopack.local/functions-analyzer

go 1.16
