module protosmith.dev/interop/go/compat

go 1.26.0

require (
	acme.example/gen/go v0.0.0
	github.com/go-kratos/kratos/v2 v2.9.2
	github.com/gotomicro/ego v1.2.7
	google.golang.org/grpc v1.85.0
	google.golang.org/protobuf v1.36.12
	protosmith.dev/grpcerrors v0.0.0
)

require (
	github.com/stretchr/testify v1.11.1 // indirect
	golang.org/x/net v0.60.0 // indirect
	golang.org/x/sys v0.48.0 // indirect
	golang.org/x/text v0.42.0 // indirect
	google.golang.org/genproto/googleapis/rpc v0.0.0-20261019180522-ce908d29299b // indirect
)

replace (
	acme.example/gen/go => ../gen
	protosmith.dev/grpcerrors => ../../../../runtime/go
)
