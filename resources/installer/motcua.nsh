; Mot Cua - installer include script (electron-builder NSIS). ASCII only: NSIS reads it as ANSI.
; Install-time configuration for IT admins: a config bundle made by `motcua provision`
; (motcua-config.json) placed beside the installer, or named with /CONFIG=<path>, becomes the
; machine's admin config: C:\ProgramData\MotCua\config.json. Silent installs work the same way:
;   MotCua-Setup-1.0.0.exe /S /CONFIG=D:\provision\00324-K01\motcua-config.json
;
; It also prepares what a per-machine install needs (see docs/admin-guide.md):
; - the local group "MotCua": the Windows accounts that run the app (the kiosk's auto-login account,
;   the officers' logins at a desk); add them with: net localgroup MotCua <account> /add
; - the data folder C:\ProgramData\MotCua\data, readable and writable by that group, SYSTEM and
;   Administrators only (no inheritance from ProgramData, where every user may read);
; - the scheduled task "MotCua\Update", run as SYSTEM nightly at 02:30: `motcua.exe update install`
;   installs a downloaded, signature-checked update outside office hours (a kiosk's user cannot elevate).

!include "FileFunc.nsh"

!macro customInstall
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/CONFIG=" $R1
  ${If} ${Errors}
    StrCpy $R1 "$EXEDIR\motcua-config.json"
  ${EndIf}
  ; With the "all users" context, $APPDATA is C:\ProgramData - where the app reads its admin file.
  SetShellVarContext all
  CreateDirectory "$APPDATA\MotCua"
  ${If} ${FileExists} "$R1"
    CopyFiles /SILENT "$R1" "$APPDATA\MotCua\config.json"
    DetailPrint "Mot Cua: admin config applied from $R1"
  ${EndIf}
  ; The admin config: read by everyone who runs the app, changed by Administrators only.
  nsExec::ExecToLog 'icacls "$APPDATA\MotCua\config.json" /inheritance:r /grant:r "*S-1-5-18:F" "*S-1-5-32-544:F" "*S-1-5-32-545:R"'
  Pop $0
  ; The app's group and its data folder.
  nsExec::ExecToLog 'net localgroup MotCua /add /comment:"Accounts that run Mot Cua"'
  Pop $0
  CreateDirectory "$APPDATA\MotCua\data"
  nsExec::ExecToLog 'icacls "$APPDATA\MotCua\data" /inheritance:r /grant:r "*S-1-5-18:(OI)(CI)F" "*S-1-5-32-544:(OI)(CI)F" "MotCua:(OI)(CI)M"'
  Pop $0
  ; Updates of a per-machine install: the SYSTEM task, nightly outside office hours.
  nsExec::ExecToLog 'schtasks /Create /F /RU SYSTEM /SC DAILY /ST 02:30 /TN "MotCua\Update" /TR "\"$INSTDIR\motcua.exe\" update install"'
  Pop $0
!macroend

!macro customUnInstall
  ; The admin config and the data (dossiers not yet sent) are kept on uninstall, on purpose.
  nsExec::ExecToLog 'schtasks /Delete /F /TN "MotCua\Update"'
  Pop $0
!macroend
