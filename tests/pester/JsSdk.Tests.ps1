# The emulator checked by an independent client: tests/js runs the official AWS SDK for JavaScript v3
# (@aws-sdk/client-bedrock, @aws-sdk/client-iam) against a private emulator and asserts what the SDK parsed.
# build.ps1 -Test runs 'npm ci' there first when node is available; without node (or packages) this is skipped.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:jsDir = Join-Path $PSScriptRoot '../js'
    $script:skipReason = if (-not (Get-Command node -ErrorAction SilentlyContinue)) { 'node is not installed' }
        elseif (-not (Test-Path (Join-Path $script:jsDir 'node_modules/@aws-sdk/client-bedrock'))) { "the JS SDK is not installed (run 'npm ci' in tests/js)" }
    if (-not $script:skipReason) {
        $script:emulator = Start-TestEmulator
        # No ambient AWS setting may reach the SDK (other suites leave AWS_BEARER_TOKEN_BEDROCK, AWS_ENDPOINT_URL …
        # in this process): the tests pass endpoint, credentials and token explicitly.
        $saved = @(Get-ChildItem Env: | Where-Object Name -like 'AWS_*')
        Push-Location $script:jsDir
        try {
            $saved | ForEach-Object { Remove-Item "Env:$($_.Name)" }
            $env:AWS_CONFIG_FILE = Join-Path ([IO.Path]::GetTempPath()) 'bedrock-test-no-config'
            $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path ([IO.Path]::GetTempPath()) 'bedrock-test-no-credentials'
            $env:AWS_EC2_METADATA_DISABLED = 'true'
            $env:BEDROCK_EMULATOR_URL = $script:emulator.Url
            $script:output = & node --test --test-reporter=tap 2>&1 | ForEach-Object { "$_" }
            $script:exitCode = $LASTEXITCODE
        } finally {
            Pop-Location
            Remove-Item Env:BEDROCK_EMULATOR_URL, Env:AWS_CONFIG_FILE, Env:AWS_SHARED_CREDENTIALS_FILE -ErrorAction SilentlyContinue
            $saved | ForEach-Object { Set-Item "Env:$($_.Name)" $_.Value }
        }
    }
}

AfterAll {
    if ($script:emulator) { Stop-TestEmulator $script:emulator }
}

Describe 'AWS SDK for JavaScript against the emulator' {
    It 'parses every call the way the real service client would' {
        if ($script:skipReason) { Set-ItResult -Skipped -Because $script:skipReason; return }
        $failures = @($script:output | Where-Object { $_ -match '^\s*not ok ' })
        $failures | Should -BeNullOrEmpty -Because ($script:output -join "`n")
        $script:exitCode | Should -Be 0 -Because ($script:output -join "`n")
        $passLine = $script:output | Where-Object { $_ -match '^# pass (\d+)' } | Select-Object -Last 1
        [int]($passLine -replace '^# pass ', '') | Should -BeGreaterOrEqual 7
        $script:output | Should -Contain '# fail 0'
    }
}
