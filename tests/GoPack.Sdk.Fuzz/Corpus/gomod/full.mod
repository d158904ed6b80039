// +heroku goVersion go1.20
// +heroku install ./cmd/... ./other
module example.com/svc

go 1.21.0

toolchain go1.22.3

godebug (
	default=go1.21
	panicnil=1
)

require (
	golang.org/x/text v0.14.0 // indirect
	example.com/dep v1.2.3
)

require example.com/single v0.0.0-20240101000000-abcdefabcdef

replace example.com/dep => ../dep

replace (
	example.com/old v1.0.0 => example.com/new v1.1.0
	"example.com/quoted" => `./raw path`
)

exclude example.com/bad v1.0.0

retract [v1.0.0, v1.0.5] // broken
retract v0.9.0
