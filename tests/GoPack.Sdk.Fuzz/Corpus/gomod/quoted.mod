module "example.com/q\x41\u00e9\101"
// +scalingo goVersion 1.17
go 1.19
